import Foundation
import Synchronization

/// The open pages' server-sent event streams, and what a page that connects now must be told.
///
/// Messages are `reload` or the text of the current errors. A page that connects while the site
/// has errors gets the errors at once, so its overlay shows them.
public final class EventHub: Sendable {
    public enum Event: Sendable, Equatable {
        /// A message (`reload` or error text).
        case message(String)
        /// A comment line, to find closed connections and keep proxies from timing out.
        case keepAlive
    }

    private struct State {
        var clients: [Int: AsyncStream<Event>.Continuation] = [:]
        var nextID = 0
        var currentErrors: String?
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// A stream for one page; ends when the hub closes or ``unsubscribe(_:)`` is called.
    public func subscribe() -> (id: Int, events: AsyncStream<Event>) {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = state.withLock { state in
            state.nextID += 1
            if state.closed {
                continuation.finish()
            } else {
                state.clients[state.nextID] = continuation
                if let errors = state.currentErrors { continuation.yield(.message(errors)) }
            }
            return state.nextID
        }
        return (id, stream)
    }

    public func unsubscribe(_ id: Int) {
        state.withLock { $0.clients.removeValue(forKey: id) }?.finish()
    }

    /// Tells every page to reload, and forgets the errors.
    public func reload() {
        send(.message("reload"), errors: nil)
    }

    /// Shows `text` on every page until the next reload; new pages get it too.
    public func showErrors(_ text: String) {
        send(.message(text), errors: text)
    }

    public func keepAlive() {
        for client in state.withLock({ Array($0.clients.values) }) { client.yield(.keepAlive) }
    }

    /// Ends every stream (graceful shutdown); later subscribers get an ended stream.
    public func close() {
        let targets = state.withLock { state in
            state.closed = true
            defer { state.clients = [:] }
            return Array(state.clients.values)
        }
        for client in targets { client.finish() }
    }

    public var connectedCount: Int {
        state.withLock { $0.clients.count }
    }

    private func send(_ event: Event, errors: String?) {
        let targets = state.withLock { state in
            state.currentErrors = errors
            return Array(state.clients.values)
        }
        for client in targets { client.yield(event) }
    }

    /// The wire form of `event`: each line of a message as a `data:` line, then a blank line.
    public static func encode(_ event: Event) -> String {
        switch event {
        case .keepAlive:
            return ": keep-alive\n\n"
        case .message(let text):
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false)
            return lines.map { "data: \($0)\n" }.joined() + "\n"
        }
    }
}
