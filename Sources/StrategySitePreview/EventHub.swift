import Foundation

/// The open pages' server-sent event streams, and what a page that connects now must be told.
///
/// Messages are `reload` or the text of the current errors. A page that connects while the site
/// has errors gets the errors at once, so its overlay shows them.
public final class EventHub: @unchecked Sendable {
    public enum Event: Sendable, Equatable {
        /// A message (`reload` or error text).
        case message(String)
        /// A comment line, to find closed connections and keep proxies from timing out.
        case keepAlive
    }

    private let lock = NSLock()
    private var clients: [Int: AsyncStream<Event>.Continuation] = [:]
    private var nextID = 0
    private var currentErrors: String?
    private var closed = false

    public init() {}

    /// A stream for one page; ends when the hub closes or ``unsubscribe(_:)`` is called.
    public func subscribe() -> (id: Int, events: AsyncStream<Event>) {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(16))
        lock.lock()
        defer { lock.unlock() }
        nextID += 1
        if closed {
            continuation.finish()
        } else {
            clients[nextID] = continuation
            if let currentErrors { continuation.yield(.message(currentErrors)) }
        }
        return (nextID, stream)
    }

    public func unsubscribe(_ id: Int) {
        lock.lock()
        let continuation = clients.removeValue(forKey: id)
        lock.unlock()
        continuation?.finish()
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
        lock.lock()
        let targets = Array(clients.values)
        lock.unlock()
        for client in targets { client.yield(.keepAlive) }
    }

    /// Ends every stream (graceful shutdown); later subscribers get an ended stream.
    public func close() {
        lock.lock()
        closed = true
        let targets = Array(clients.values)
        clients = [:]
        lock.unlock()
        for client in targets { client.finish() }
    }

    public var connectedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    private func send(_ event: Event, errors: String?) {
        lock.lock()
        currentErrors = errors
        let targets = Array(clients.values)
        lock.unlock()
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
