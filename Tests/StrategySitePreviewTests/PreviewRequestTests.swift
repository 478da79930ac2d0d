import Foundation
import Testing
import StrategySiteTestSupport
import StrategySite
@testable import StrategySitePreview

/// Requests HTTP says a server must refuse, and connections that never finish a request.
@Suite struct PreviewRequestTests {
    @Test func absoluteFormTargetsForAnotherServerAreRefused() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let port = server.port
            for target in ["http://evil.example/", "http://evil.example:\(port)/index.html", "https://127.0.0.1:\(port)/",
                           "http://127.0.0.1:\(port + 1)/", "http://user@127.0.0.1:\(port)/", "ftp://127.0.0.1:\(port)/"] {
                let reply = try await server.get(target)
                #expect(reply.status == 400, "\(target) gave \(reply.status)")
                #expect(!reply.text.contains("Preview Fixture"), "\(target)")
            }
            let foreign = try await server.get("http://evil.example/")
            #expect(foreign.text.contains("names another server (evil.example)"), "\(foreign.text)")
            // Its own authority is fine, and is what counts, whatever Host says.
            let own = try await server.get("http://127.0.0.1:\(port)/")
            #expect(own.status == 200)
            #expect(own.text.contains("Preview Fixture"))
            #expect(try await server.get("http://localhost:\(port)/", host: "evil.example").status == 200)
        }
    }

    @Test func severalHostHeadersAreRefused() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let port = server.port
            for hosts in [["127.0.0.1:\(port)", "127.0.0.1:\(port)"], ["127.0.0.1:\(port)", "evil.example"], ["evil.example", "127.0.0.1:\(port)"]] {
                let request = "GET / HTTP/1.1\r\n" + hosts.map { "Host: \($0)\r\n" }.joined() + "Connection: close\r\n\r\n"
                let raw = try await RawHTTP.onThread { try RawHTTP.exchange(port: port, request: request) }
                let reply = try RawHTTP.parse(raw, method: "GET")
                #expect(reply.status == 400, "\(hosts) gave \(reply.status)")
                #expect(reply.text.contains("only one Host header"))
            }
            // Host written in any case is still one header of that name.
            let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nhOST: evil.example\r\nConnection: close\r\n\r\n"
            let raw = try await RawHTTP.onThread { try RawHTTP.exchange(port: port, request: request) }
            #expect(try RawHTTP.parse(raw, method: "GET").status == 400)
        }
    }

    @Test func verdicts() {
        let check = HostCheck(boundHost: "127.0.0.1", port: 8000)
        #expect(RequestHeadCheck.judge(target: "/", hosts: ["127.0.0.1:8000"], check: check) == .accept(authority: "127.0.0.1:8000", target: "/"))
        #expect(RequestHeadCheck.judge(target: "/a?b=1", hosts: [], check: check) == .accept(authority: nil, target: "/a?b=1"))
        #expect(RequestHeadCheck.judge(target: "http://LOCALHOST:8000/x?y=1", hosts: ["evil.example"], check: check)
                == .accept(authority: "LOCALHOST:8000", target: "/x?y=1"))
        #expect(RequestHeadCheck.judge(target: "http://[::1]:8000", hosts: [], check: check) == .accept(authority: "[::1]:8000", target: "/"))
        #expect(RequestHeadCheck.judge(target: "http://evil.example/", hosts: ["127.0.0.1:8000"], check: check)
                == .refuse("the request target names another server (evil.example); this preview answers only for itself"))
        #expect(RequestHeadCheck.judge(target: "/", hosts: ["a", "b"], check: check) == .refuse("a request may carry only one Host header"))
        #expect(RequestHeadCheck.judge(target: "https://127.0.0.1:8000/", hosts: [], check: check) == .refuse("this preview serves only http:// targets for itself"))
    }

    /// One connection carries requests one after another, or sent together (pipelined), each
    /// answered in order; a request with a body is answered and the connection closed, as the
    /// preview does not read bodies; a head too long or not HTTP/1.1 is refused.
    @Test func connectionsFollowHTTP11() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let port = server.port
            let host = "Host: 127.0.0.1:\(port)\r\n"
            let two = try await RawHTTP.onThread { () -> (String, String) in
                let fd = try RawHTTP.connect(port: port, timeout: 10)
                defer { close(fd) }
                RawHTTP.send(fd, "GET /themes/ HTTP/1.1\r\n\(host)\r\n")
                let first = RawHTTP.receiveResponse(fd)
                RawHTTP.send(fd, "HEAD /assets/site.css HTTP/1.1\r\n\(host)\r\nGET /nothing-here HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
                return (first, RawHTTP.receiveAll(fd))
            }
            #expect(two.0.hasPrefix("HTTP/1.1 200 OK\r\n"))
            let statuses = two.1.components(separatedBy: "\r\n").filter { $0.hasPrefix("HTTP/1.1 ") }
            #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"], "the HEAD's answer has no body: \(statuses)")
            #expect(two.1.contains("Connection: close"))

            let withBody = try await RawHTTP.onThread { () -> String in
                let fd = try RawHTTP.connect(port: port, timeout: 10)
                defer { close(fd) }
                RawHTTP.send(fd, "POST / HTTP/1.1\r\n\(host)Content-Length: 30\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n")
                return RawHTTP.receiveAll(fd)
            }
            #expect(withBody.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
            #expect(withBody.contains("Allow: GET, HEAD\r\n"))
            #expect(withBody.components(separatedBy: "HTTP/1.1 ").count == 2, "the body is never read as a request")

            let long = "GET / HTTP/1.1\r\n\(host)X-Long: \(String(repeating: "a", count: 20_000))\r\n\r\n"
            let tooLong = try RawHTTP.parse(try await RawHTTP.onThread { try RawHTTP.exchange(port: port, request: long) }, method: "GET")
            #expect(tooLong.status == 431)
            let version = try RawHTTP.parse(try await RawHTTP.onThread {
                try RawHTTP.exchange(port: port, request: "GET / HTTP/2.0\r\n\(host)\r\n")
            }, method: "GET")
            #expect(version.status == 505)
        }
    }

    /// A client that sends part of a request and then nothing (slowloris) is cut off after the
    /// idle timeout; a finished request on another connection is still answered.
    @Test func halfOpenConnectionsTimeOut() async throws {
        let site = try PreviewSite()
        let server = try await RunningPreview.start(site, idleTimeout: .seconds(1))
        do {
            let port = server.port
            let start = Date()
            let closed = try await RawHTTP.onThread { () -> Bool in
                let fd = try RawHTTP.connect(port: port, timeout: 10)
                defer { close(fd) }
                RawHTTP.send(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ")
                var buffer = [UInt8](repeating: 0, count: 1024)
                // recv returns 0 when the server closes; -1 when our own 10 s timeout passes.
                return recv(fd, &buffer, buffer.count, 0) == 0
            }
            #expect(closed, "the server kept a half-open connection for 10 s")
            #expect(Date().timeIntervalSince(start) < 8)
            #expect(try await server.get("/").status == 200)
            // An idle connection with no request at all is closed too.
            let idleClosed = try await RawHTTP.onThread { () -> Bool in
                let fd = try RawHTTP.connect(port: port, timeout: 10)
                defer { close(fd) }
                var buffer = [UInt8](repeating: 0, count: 1024)
                return recv(fd, &buffer, buffer.count, 0) == 0
            }
            #expect(idleClosed)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// An open event stream is a response in progress, not an idle connection.
    @Test func eventStreamsOutliveTheIdleTimeout() async throws {
        let site = try PreviewSite()
        let server = try await RunningPreview.start(site, idleTimeout: .seconds(1))
        let events = try EventStreamClient(port: server.port)
        defer { events.close() }
        try await eventually("the event stream to open") { events.text.contains(": connected") }
        try await Task.sleep(for: .seconds(2.5))
        try site.edit(site.contentPath("documents/first-plan.md")) { $0 + "\nOne more line.\n" }
        try await eventually("a reload event after the idle timeout") { events.messages.contains("reload") }
        await server.stop()
    }
}

/// `serve --port 0` names the port it really listens on, in the warning too.
@Suite struct ServePortMessageTests {
    @Test(.enabled(if: ServeCommandTests.executable != nil, "needs the strategy-site executable built"))
    func theExposureWarningNamesTheBoundPort() async throws {
        let site = try PreviewSite()
        let serve = try ServeProcess(executable: ServeCommandTests.executable ?? "",
                                     arguments: ["serve", "--content", site.content, "--templates", site.templates, "--port", "0", "--host", "0.0.0.0"])
        let bound = try await serve.port()
        #expect(bound != 0)
        try await eventually("the warning") { serve.errors.lines.joined().contains("is not a loopback address") }
        let warning = serve.errors.lines.joined()
        #expect(warning.contains("on port \(bound) can"), "\(warning)")
        #expect(!warning.contains("on port 0 "), "\(warning)")
        _ = try await serve.interrupt()
    }
}
