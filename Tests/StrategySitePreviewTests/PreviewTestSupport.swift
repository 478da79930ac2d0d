import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import StrategySite
import StrategySitePreview
import StrategySiteTestSupport
import Synchronization

/// Lines the server logged, for checking what the terminal shows.
final class LogLines: Sendable {
    private let stored = Mutex<[String]>([])
    var lines: [String] { stored.withLock { $0 } }
    func append(_ line: String) { stored.withLock { $0.append(line) } }
    var log: PreviewServer.Log { PreviewServer.Log(info: { self.append($0) }, problem: { self.append($0) }) }
}

/// A preview server on 127.0.0.1 with a port the system picked, run in a task.
final class RunningPreview: Sendable {
    let server: PreviewServer
    let task: Task<Void, Error>
    let port: Int
    let logLines: LogLines

    private init(server: PreviewServer, task: Task<Void, Error>, port: Int, logLines: LogLines) {
        self.server = server
        self.task = task
        self.port = port
        self.logLines = logLines
    }

    static func start(_ site: PreviewSite, idleTimeout: Duration? = nil, pollInterval: Duration = .milliseconds(100)) async throws -> RunningPreview {
        let lines = LogLines()
        var server = PreviewServer(options: site.options, host: "127.0.0.1", port: 0, log: lines.log)
        server.pollInterval = pollInterval
        server.debounce = .milliseconds(50)
        if let idleTimeout { server.idleTimeout = idleTimeout }
        let bound = Bound()
        let task = Task { [server] in
            try await server.run(handleSignals: false) { port in bound.set(port) }
        }
        var port: Int?
        // The first build comes before listening; in a full test run on two busy cores it has
        // been seen to take over a minute, so the wait is long (a server that never listens still fails).
        try await eventually("the server to listen", timeout: 300) {
            port = bound.port
            return port != nil || task.isCancelled
        }
        return RunningPreview(server: server, task: task, port: port ?? 0, logLines: lines)
    }

    /// Stops the server gracefully, as Ctrl-C does, and waits for it.
    func stop() async {
        server.stop()
        _ = await task.result
    }

    func get(_ target: String, host: String? = nil, method: String = "GET") async throws -> HTTPReply {
        try await RawHTTP.request(port: port, target: target, host: host ?? "127.0.0.1:\(port)", method: method)
    }

    private final class Bound: Sendable {
        private let value = Mutex<Int?>(nil)
        var port: Int? { value.withLock { $0 } }
        func set(_ port: Int) { value.withLock { $0 = port } }
    }
}

/// Runs `body` against a running preview of `site`, then stops the server and waits for it.
func withPreview(_ site: PreviewSite, pollInterval: Duration = .milliseconds(100),
                 _ body: (RunningPreview) async throws -> Void) async throws {
    let server = try await RunningPreview.start(site, pollInterval: pollInterval)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// HTTP/1.1 over a plain socket, so tests send request targets exactly as written (URL
/// libraries would normalise `..` away) and any Host header. Blocking I/O runs on its own
/// thread, off the Swift concurrency pool the server uses.
enum RawHTTP {
    static func request(port: Int, target: String, host: String?, method: String = "GET") async throws -> HTTPReply {
        var request = "\(method) \(target) HTTP/1.1\r\n"
        if let host { request += "Host: \(host)\r\n" }
        request += "Connection: close\r\n\r\n"
        let text = request
        let raw = try await onThread { try exchange(port: port, request: text) }
        return try parse(raw, method: method)
    }

    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    static func connect(port: Int, timeout: Int = 30) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TimedOut(description: "socket() failed") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw TimedOut(description: "connect() failed")
        }
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            sent += count
        }
    }

    static func exchange(port: Int, request: String) throws -> Data {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, request)
        return receiveData(fd)
    }

    /// Everything until the server closes the connection, as text.
    static func receiveAll(_ fd: Int32) -> String {
        String(decoding: receiveData(fd), as: UTF8.self)
    }

    /// Everything until the server closes the connection.
    static func receiveData(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    /// One response with a body of `Content-Length` bytes, on a connection left open.
    static func receiveResponse(_ fd: Int32) -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = data.range(of: Data("\r\n\r\n".utf8)),
               let reply = try? parse(data, method: "GET"), let length = reply.header("content-length").flatMap(Int.init),
               data.count - end.upperBound >= length {
                return String(decoding: data, as: UTF8.self)
            }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return String(decoding: data, as: UTF8.self) }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    static func parse(_ raw: Data, method: String) throws -> HTTPReply {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { throw TimedOut(description: "no HTTP response") }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        let status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            let stop = rest.index(start, offsetBy: size, limitedBy: rest.endIndex) ?? rest.endIndex
            result.append(rest[start..<stop])
            rest = rest[min(rest.index(stop, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex, rest.endIndex)...]
        }
        return result
    }
}

/// An open `/__strategy-site/events` connection whose bytes are collected by a reader thread.
final class EventStreamClient: Sendable {
    private let received = Mutex("")
    private let closed = Mutex(false)
    private let fd: Int32

    init(port: Int, host: String? = nil) throws {
        fd = try RawHTTP.connect(port: port, timeout: 60)
        RawHTTP.send(fd, "GET /__strategy-site/events HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nAccept: text/event-stream\r\n\r\n")
        let fd = self.fd
        Thread.detachNewThread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 16384)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                guard let self else { break }
                self.append(String(decoding: buffer[0..<count], as: UTF8.self))
            }
        }
    }

    private func append(_ text: String) { received.withLock { $0 += text } }

    var text: String { received.withLock { $0 } }

    /// The `data:` messages received so far (chunk framing removed), in order.
    var messages: [String] {
        let text = self.text
        guard let start = text.range(of: "\r\n\r\n") else { return [] }
        var body = String(text[start.upperBound...])
        // Drop chunk-size lines: hexadecimal digits alone on a line.
        body = body.components(separatedBy: "\r\n").filter { line in
            !(line.allSatisfy(\.isHexDigit) && !line.isEmpty)
        }.joined()
        return body.components(separatedBy: "\n\n").compactMap { block -> String? in
            let data = block.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
            return data.isEmpty ? nil : data.joined(separator: "\n")
        }
    }

    func close() {
        let wasClosed = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        if wasClosed { return }
        shutdown(fd, Int32(SHUT_RDWR))
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    deinit { close() }
}

/// A real `strategy-site serve` process, what it prints collected line by line.
final class ServeProcess {
    let process = Process()
    let output = LogLines()
    let errors = LogLines()
    private let outputPipe = Pipe(), errorPipe = Pipe()

    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        for (pipe, lines) in [(outputPipe, output), (errorPipe, errors)] {
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if !data.isEmpty { lines.append(String(decoding: data, as: UTF8.self)) }
            }
        }
        try process.run()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// The port of the address the server printed once it listened.
    func port() async throws -> Int {
        var port: Int?
        try await eventually("the URL on standard output", timeout: 300) {
            let text = output.lines.joined()
            guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else { return false }
            port = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
            return true
        }
        return try #require(port)
    }

    /// Ctrl-C, then everything it printed to standard output.
    func interrupt() async throws -> String {
        kill(process.processIdentifier, SIGINT)
        try await eventually("the process to exit") { !process.isRunning }
        outputPipe.fileHandleForReading.readabilityHandler = nil
        errorPipe.fileHandleForReading.readabilityHandler = nil
        return output.lines.joined() + String(decoding: outputPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
