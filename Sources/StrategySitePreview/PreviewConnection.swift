import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client's connection: reads request heads, answers each, and ends when the client closes
/// it or asks to, when a request carries a body (the preview never reads one), after an event
/// stream, or when it has had no request in progress for `idleTimeout`, counting from the end of
/// the last response: a head that never arrives in full (slowloris) is cut off like an idle one.
struct PreviewConnection: Sendable {
    let socket: AsyncSocket
    let responder: PreviewResponder
    let idleTimeout: Duration

    func run() async {
        var pending: [UInt8] = []
        while !Task.isCancelled {
            let head: RequestHead
            do {
                guard let next = try await nextHead(after: pending) else { break }
                (head, pending) = next
            } catch let malformed as RequestHead.Malformed {
                let text = "\(malformed.status) \(PreviewResponse.reason(for: malformed.status)): \(malformed.reason)\n"
                if await send(PreviewResponder.text(malformed.status, text), headOnly: false, closing: true) { await linger() }
                break
            } catch {
                break // the client went, the deadline passed, or the server is stopping
            }
            let response = responder.respond(to: head)
            var closing = !head.keepsAlive || head.hasBody
            if case .events = response.body { closing = true }
            let sent = await send(response, headOnly: head.method == "HEAD", closing: closing)
            if sent && head.hasBody { await linger() }
            if !sent || closing { break }
        }
        try? socket.close()
    }

    /// After the last response to a request whose body (or rest) was not read: ends the sending
    /// side, then reads and drops what the client still sends, for a moment, before closing. Closing with unread
    /// bytes would reset the connection, and the client could lose the response it was sent.
    func linger() async {
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        let socket = self.socket
        _ = try? await withDeadline(.seconds(2)) {
            var dropped = 0
            while dropped < 1 << 20 { dropped += try await socket.read(atMost: 4096).count }
        }
    }

    /// The next request head, read after the bytes already received (`pending`), and what follows
    /// it; nil when the client closed the connection between requests.
    func nextHead(after pending: [UInt8]) async throws -> (head: RequestHead, rest: [UInt8])? {
        let socket = self.socket
        let received = try await withDeadline(idleTimeout) { () async throws -> (bytes: [UInt8], end: Int)? in
            var bytes = pending
            let tooLong = RequestHead.Malformed(status: 431, reason: "the request head is longer than \(RequestHead.limit) bytes")
            while true {
                if let end = RequestHead.end(in: bytes) {
                    guard end <= RequestHead.limit else { throw tooLong }
                    return (bytes, end)
                }
                guard bytes.count <= RequestHead.limit else { throw tooLong }
                do {
                    bytes += try await socket.read(atMost: 4096)
                } catch SocketError.disconnected where bytes.allSatisfy({ $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
                    return nil
                }
            }
        }
        guard let received else { return nil }
        let head = try RequestHead.parse(received.bytes[..<received.end])
        return (head, Array(received.bytes[received.end...]))
    }

    /// Writes `response` and says whether it all went. It is written by a task of its own, which
    /// a stop of the server does not cancel: a response in progress is finished, not cut off (an
    /// event stream ends when the hub closes, which the server does first).
    func send(_ response: PreviewResponse, headOnly: Bool, closing: Bool) async -> Bool {
        let task = Task(executorPreference: PreviewExecutor.shared) { try await write(response, headOnly: headOnly, closing: closing) }
        return (try? await task.value) != nil
    }

    private func write(_ response: PreviewResponse, headOnly: Bool, closing: Bool) async throws {
        let head = response.head(closing: closing)
        switch response.body {
        case .bytes(let data):
            try await write(headOnly ? head : head + data)
        case .events(let hub):
            guard !headOnly else { return try await write(head) }
            let (id, events) = hub.subscribe()
            defer { hub.unsubscribe(id) }
            try await write(head + PreviewResponse.chunk("retry: 1000\n: connected\n\n"))
            for await event in events {
                try await write(PreviewResponse.chunk(EventHub.encode(event)))
            }
            try await write(PreviewResponse.lastChunk)
        }
    }

    /// One write, within the idle timeout: a client that stops reading is let go.
    private func write(_ data: Data) async throws {
        let socket = self.socket
        try await withDeadline(idleTimeout) { try await socket.write(data) }
    }
}
