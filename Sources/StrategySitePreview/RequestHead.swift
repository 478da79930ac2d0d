/// A request's head exactly as the client wrote it: the request line and every header line, in
/// order, repeats kept.
///
/// The preview reads heads itself rather than through an HTTP library's request type because
/// its checks need what such types fold away: how many `Host` lines there were, and the request
/// target as sent (an absolute-form `http://host/` target included). It serves `GET` and `HEAD`
/// only and never reads a request body, so this is all of HTTP/1.1 it has to parse; anything
/// outside the grammar of RFC 9112 is refused with 400, never guessed at.
struct RequestHead: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    var method: String
    /// The request target, unchanged (`/a%20b.html?x=1`, `http://127.0.0.1:8000/`, `*`).
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    var fields: [Field]

    /// Why a head was refused: the status to answer with (the connection is closed after it).
    struct Malformed: Error, Equatable {
        var status: Int
        var reason: String
    }

    /// The values of every field called `name` (case-insensitive), in the order written.
    func values(of name: String) -> [String] {
        let name = name.lowercased()
        return fields.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// Whether the client wants the connection kept after the response: HTTP/1.1 unless it says
    /// `Connection: close`; HTTP/1.0 is always closed, as the preview does not offer keep-alive to it.
    var keepsAlive: Bool {
        guard version == "HTTP/1.1" else { return false }
        let tokens = values(of: "connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return !tokens.contains("close")
    }

    /// Whether a body follows the head. The preview never reads one, so it answers such a
    /// request and closes the connection, rather than mistake the body for the next request.
    var hasBody: Bool {
        !values(of: "transfer-encoding").isEmpty || values(of: "content-length").contains { $0 != "0" }
    }

    /// The largest head read; a longer one is refused with 431.
    static let limit = 16 * 1024

    /// Where the head that `bytes` starts with ends: the index just past its blank line, or nil
    /// if the blank line has not arrived yet. Lines may end in CRLF or, as RFC 9112 lets a
    /// server accept, a bare LF.
    static func end(in bytes: [UInt8]) -> Int? {
        var index = 0
        // Empty lines before the request line are ignored (RFC 9112, section 2.2).
        while index < bytes.count, bytes[index] == cr || bytes[index] == lf {
            index += 1
        }
        var lineStart = index
        while index < bytes.count {
            if bytes[index] == lf {
                // The first line is never empty (see above), so an empty line ends the head.
                let length = index - lineStart
                if length == 0 || (length == 1 && bytes[lineStart] == cr) { return index + 1 }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    /// Parses a head that ``end(in:)`` found (the blank line included).
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> RequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == lf {
            var line = bytes[start..<index]
            if line.last == cr { line = line.dropLast() }
            lines.append(line)
            start = index + 1
        }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }) else { throw Malformed(status: 400, reason: "no request line") }
        let requestLine = try requestLine(lines[first])
        var fields: [Field] = []
        for line in lines[(first + 1)...] where !line.isEmpty {
            fields.append(try field(line))
        }
        return RequestHead(method: requestLine.method, target: requestLine.target, version: requestLine.version, fields: fields)
    }

    private static func requestLine(_ line: ArraySlice<UInt8>) throws(Malformed) -> (method: String, target: String, version: String) {
        let parts = line.split(separator: space, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Malformed(status: 400, reason: "the request line is not 'METHOD target HTTP/1.1'") }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else { throw Malformed(status: 400, reason: "invalid method") }
        // Visible ASCII only: no spaces, controls or raw bytes above 0x7E in a target.
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Malformed(status: 400, reason: "invalid request target")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.utf8.count == 8, version.hasPrefix("HTTP/"), version.utf8.dropFirst(5).enumerated().allSatisfy({ index, byte in
            index == 1 ? byte == UInt8(ascii: ".") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }) else { throw Malformed(status: 400, reason: "invalid HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw Malformed(status: 505, reason: "this preview speaks HTTP/1.1 and HTTP/1.0 only")
        }
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version)
    }

    private static func field(_ line: ArraySlice<UInt8>) throws(Malformed) -> Field {
        // A line folded onto the one before (obsolete line folding) is refused, as RFC 9112 allows.
        if line.first == space || line.first == tab { throw Malformed(status: 400, reason: "folded header lines are not accepted") }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw Malformed(status: 400, reason: "a header line has no colon") }
        let name = line[..<colon]
        // No space between a name and its colon: a request written so is refused (RFC 9112, 5.1).
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw Malformed(status: 400, reason: "invalid header name") }
        var value = line[line.index(after: colon)...]
        while let byte = value.first, byte == space || byte == tab { value = value.dropFirst() }
        while let byte = value.last, byte == space || byte == tab { value = value.dropLast() }
        guard value.allSatisfy({ $0 == tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw Malformed(status: 400, reason: "control characters are not allowed in header values")
        }
        return Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// A `tchar` of RFC 9110: letters, digits and ``!#$%&'*+-.^_`|~``.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
}
