import Foundation

/// What the preview answers to one request: a status, headers, and either bytes or the open
/// pages' event stream.
struct PreviewResponse: Sendable {
    enum Body: Sendable {
        case bytes(Data)
        /// Server-sent events from the hub, sent in chunks until the hub closes or the page goes.
        case events(EventHub)
    }

    var status: Int
    var headers: [(name: String, value: String)]
    var body: Body

    init(status: Int, headers: [(name: String, value: String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The status line and headers, with `Content-Length` for bytes (the length of the body a GET
    /// would get, also for HEAD) or chunked transfer for events, and `Connection: close` if the
    /// connection ends after this response.
    func head(closing: Bool) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        switch body {
        case .bytes(let data): text += "Content-Length: \(data.count)\r\n"
        case .events: text += "Transfer-Encoding: chunked\r\n"
        }
        if closing { text += "Connection: close\r\n" }
        return Data((text + "\r\n").utf8)
    }

    /// The reason phrases of the statuses the preview sends.
    static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    /// One chunk of a chunked body (RFC 9112, section 7.1).
    static func chunk(_ text: String) -> Data {
        let bytes = Data(text.utf8)
        return Data((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Data("\r\n".utf8)
    }

    /// The chunk that ends a chunked body.
    static let lastChunk = Data("0\r\n\r\n".utf8)
}
