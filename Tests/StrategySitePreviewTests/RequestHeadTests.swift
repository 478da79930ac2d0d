import Testing
@testable import StrategySitePreview

/// The preview's reading of a request head: what it keeps (repeats, the target as written) and
/// what it refuses.
@Suite struct RequestHeadTests {
    func head(_ text: String) throws(RequestHead.Malformed) -> RequestHead {
        let bytes = Array(text.utf8)
        guard let end = RequestHead.end(in: bytes) else { throw RequestHead.Malformed(status: 0, reason: "no end") }
        return try RequestHead.parse(bytes[..<end])
    }

    @Test func keepsTheTargetAndEveryFieldAsWritten() throws {
        let parsed = try head("GET http://127.0.0.1:8000/a%20b?x=1 HTTP/1.1\r\nHost: one\r\nX-Other:  spaced value \t\r\nhost: two\r\n\r\n")
        #expect(parsed.method == "GET")
        #expect(parsed.target == "http://127.0.0.1:8000/a%20b?x=1")
        #expect(parsed.version == "HTTP/1.1")
        #expect(parsed.values(of: "Host") == ["one", "two"])
        #expect(parsed.values(of: "x-other") == ["spaced value"])
    }

    @Test func findsTheEndOfAHead() {
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next".utf8)) == 27)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\nHost: a\n\n".utf8)) == 24, "bare line feeds end lines too")
        #expect(RequestHead.end(in: Array("\r\nGET / HTTP/1.1\r\n\r\n".utf8)) == 20, "an empty line before the request line is skipped")
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)) == nil, "not finished")
        #expect(RequestHead.end(in: Array("\r\n\r\n".utf8)) == nil, "no request line yet")
    }

    @Test func connectionAndBody() throws {
        #expect(try head("GET / HTTP/1.1\r\n\r\n").keepsAlive)
        #expect(!(try head("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keepsAlive))
        #expect(!(try head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepsAlive))
        #expect(!(try head("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").hasBody))
        #expect(try head("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").hasBody)
        #expect(try head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").hasBody)
    }

    @Test(arguments: [
        ("GET /\r\n\r\n", 400), ("GET  / HTTP/1.1\r\n\r\n", 400), ("GET / HTTP/1.1 x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\n\r\n", 400), ("GET /\u{7F} HTTP/1.1\r\n\r\n", 400), ("GET /é HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.x\r\n\r\n", 400), ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400), ("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400), ("GET / HTTP/1.1\r\nX: a\u{1}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 400),
    ])
    func refusesWhatIsNotHTTP11(text: String, status: Int) {
        #expect(throws: RequestHead.Malformed.self) { try head(text) }
        do {
            _ = try head(text)
        } catch {
            #expect(error.status == status, "\(text.debugDescription): \(error.reason)")
        }
    }
}
