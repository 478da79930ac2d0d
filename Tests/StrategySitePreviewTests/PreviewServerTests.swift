import Foundation
import Testing
import StrategySiteTestSupport
import StrategySite
@testable import StrategySitePreview

/// The real server on 127.0.0.1 with a port the system picks, against a temporary copy of the
/// preview fixture and of the project's templates.
@Suite struct PreviewServerTests {
    @Test func servesTheSiteFromMemoryWithContentTypes() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let home = try await server.get("/")
            #expect(home.status == 200)
            #expect(home.header("content-type") == "text/html; charset=utf-8")
            #expect(home.header("cache-control") == "no-store")
            #expect(home.text.contains("Preview Fixture"))
            #expect(home.text.contains("/__strategy-site/events"), "serve injects the reload script")

            let document = try await server.get("/documents/first-plan.html")
            #expect(document.status == 200)
            #expect(document.text.contains("Accommodation comes first."))

            let css = try await server.get("/assets/site.css")
            #expect(css.status == 200)
            #expect(css.header("content-type") == "text/css; charset=utf-8")
            #expect(css.body == FileManager.default.contents(atPath: site.templatePath("assets/site.css")))

            #expect(try await server.get("/search/manifest.js").header("content-type") == "text/javascript; charset=utf-8")
            #expect(try await server.get("/themes/").text == (try await server.get("/themes/index.html")).text)
            #expect(try await server.get("/index.html?x=1").status == 200)

            let folder = try await server.get("/themes")
            #expect(folder.status == 301)
            #expect(folder.header("location") == "/themes/")

            let missing = try await server.get("/documents/no-such-plan.html")
            #expect(missing.status == 404)
            #expect(missing.header("content-type") == "text/html; charset=utf-8")
            #expect(missing.text.contains("Page not found"))
            #expect(missing.text.contains("<base href=\"/\">"), "the 404 page's relative links work at any depth")
            #expect(missing.text.contains("href=\"/documents/no-such-plan.html#main\""), "the skip link stays on the page")
            let topMissing = try await server.get("/no-such-page.html")
            #expect(topMissing.status == 404)
            #expect(!topMissing.text.contains("<base"))

            let head = try await server.get("/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("content-length") == String(home.body.count))

            #expect(try await server.get("/", method: "POST").status == 405)
        }
    }

    @Test func traversalAndOddPathsAreRefused() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let targets = [
                "/../Package.swift", "/../../../../etc/passwd", "/documents/../../Package.swift", "/./index.html",
                "/%2e%2e/", "/%2e%2e/Package.swift", "/%2E%2E/%2E%2E/etc/passwd", "/.%2e/Package.swift",
                "/..%2f", "/..%2fPackage.swift", "/%2f%2fetc%2fpasswd", "/documents%2f..%2f..%2fPackage.swift",
                "//etc/passwd", "//", "/documents//first-plan.html",
                "/..\\Package.swift", "/%5c..%5cPackage.swift", "/index.html%00.css", "/%0aindex.html", "/%zz",
                "http://127.0.0.1/etc/passwd", "*",
            ]
            for target in targets {
                let reply = try await server.get(target)
                #expect([400, 404].contains(reply.status), "\(target) gave \(reply.status)")
                #expect(!reply.text.contains("swift-tools-version"), "\(target)")
                #expect(!reply.text.contains("root:"), "\(target)")
            }
            #expect(try await server.get("/../Package.swift").status == 400)
            #expect(try await server.get("/%2e%2e/").status == 400)
            #expect(try await server.get("/..%2f").status == 400)
            #expect(try await server.get("//etc/passwd").status == 400)
            #expect(try await server.get("/etc/passwd").status == 404)
            #expect(try await server.get("/__strategy-site/other").status == 404)
        }
    }

    @Test func foreignHostsAreRefused() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let port = server.port

            #expect(try await server.get("/", host: "127.0.0.1:\(port)").status == 200)
            #expect(try await server.get("/", host: "localhost:\(port)").status == 200)
            #expect(try await server.get("/", host: "LOCALHOST:\(port)").status == 200)
            for host in ["evil.example:\(port)", "evil.example", "127.0.0.1", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)",
                         "127.0.0.1.nip.io:\(port)", "", "127.0.0.1:\(port)@evil.example"] {
                let reply = try await server.get("/", host: host)
                #expect(reply.status == 403, "Host: \(host) gave \(reply.status)")
                #expect(!reply.text.contains("Preview Fixture"))
            }
            let noHost = try await RawHTTP.request(port: port, target: "/", host: nil)
            #expect(noHost.status == 403 || noHost.status == 400)
            let events = try await server.get("/__strategy-site/events", host: "evil.example:\(port)")
            #expect(events.status == 403)
        }
    }

    @Test func editsReloadOpenPages() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let events = try EventStreamClient(port: server.port)
            defer { events.close() }
            try await eventually("the event stream to open") { events.text.contains(": connected") }
            #expect(events.text.contains("text/event-stream"))

            let path = site.contentPath("documents/first-plan.md")
            try site.edit(path) { $0.replacingOccurrences(of: "Treatment works.", with: "Treatment works, edited.") }
            try await eventually("a reload event") { events.messages.contains("reload") }
            try await eventually("the edited page") {
                try await server.get("/documents/first-plan.html").text.contains("Treatment works, edited.")
            }
            #expect(server.logLines.lines.contains { $0.hasPrefix("Rebuilt ") })

            // Templates too.
            try site.edit(site.templatePath("layout.mustache")) { $0.replacingOccurrences(of: "</footer>", with: "</footer>\n<!-- layout edited -->") }
            try await eventually("the edited template") {
                try await server.get("/accessibility.html").text.contains("layout edited")
            }
            try await eventually("a second reload") { events.messages.filter { $0 == "reload" }.count >= 2 }
        }
    }

    @Test func badEditShowsErrorsAndKeepsTheLastGoodSite() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let events = try EventStreamClient(port: server.port)
            defer { events.close() }
            try await eventually("the event stream to open") { events.text.contains(": connected") }

            let path = site.contentPath("documents/first-plan.md")
            let good = try site.read(path)
            try site.write(path, good.replacingOccurrences(of: "published: 2008-02-01", with: "published: [not a date")
                .replacingOccurrences(of: "Treatment works.", with: "Broken edit."))
            try await eventually("an error event") { events.messages.contains { $0.contains("first-plan.md:") } }
            let error = events.messages.first { $0.contains("first-plan.md:") } ?? ""
            #expect(error.range(of: #"documents/first-plan\.md:\d+:\d+: "#, options: .regularExpression) != nil, "\(error)")
            #expect(!events.messages.contains("reload"))

            // The last good page is still served, and the terminal shows the error.
            let page = try await server.get("/documents/first-plan.html")
            #expect(page.status == 200)
            #expect(page.text.contains("Treatment works."))
            #expect(!page.text.contains("Broken edit."))
            #expect(server.logLines.lines.contains { $0.contains("first-plan.md:") && $0.contains("error") })

            // A page opened now gets the errors at once.
            let late = try EventStreamClient(port: server.port)
            defer { late.close() }
            try await eventually("errors for a new page") { late.messages.contains { $0.contains("first-plan.md:") } }

            // Fixing it clears the overlay: every page reloads.
            try site.write(path, good.replacingOccurrences(of: "Treatment works.", with: "Fixed edit."))
            try await eventually("a reload after the fix") { events.messages.last == "reload" && late.messages.last == "reload" }
            try await eventually("the fixed page") { try await server.get("/documents/first-plan.html").text.contains("Fixed edit.") }
            let fresh = try EventStreamClient(port: server.port)
            defer { fresh.close() }
            try await eventually("a fresh stream") { fresh.text.contains(": connected") }
            try await Task.sleep(for: .milliseconds(300))
            // (A second reload may come: a save can reach the watcher in two parts. Errors may not.)
            #expect(fresh.messages.allSatisfy { $0 == "reload" }, "no errors left to show")
        }
    }

    @Test func documentsAddedAndDeleted() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            #expect(try await server.get("/documents/third-plan.html").status == 404)

            let path = site.contentPath("documents/third-plan.md")
            try site.write(path, PreviewSite.document(title: "Third plan", body: "## Housing last\n<!-- themes: housing -->\n\nStill homes."))
            try await eventually("the new document") { try await server.get("/documents/third-plan.html").status == 200 }
            #expect(try await server.get("/").text.contains("Third plan"))
            #expect(try await server.get("/themes/housing.html").text.contains("Housing last"))

            try site.remove(path)
            try await eventually("the document to go") { try await server.get("/documents/third-plan.html").status == 404 }
            #expect(!(try await server.get("/").text.contains("Third plan")))
        }
    }

    @Test func siteThatNeverBuiltShowsItsErrors() async throws {
        let site = try PreviewSite()
        let path = site.contentPath("documents/second-plan.md")
        let good = try site.read(path)
        try site.write(path, "no front matter here\n")
        try await withPreview(site) { server in
            let page = try await server.get("/")
            #expect(page.status == 503)
            #expect(page.text.contains("second-plan.md:1:1: missing front matter"))
            #expect(page.text.contains("/__strategy-site/events"))

            try site.write(path, good)
            try await eventually("the site once fixed") { try await server.get("/").status == 200 }
        }
    }

    @Test func eventsEndpointStreamsReload() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { server in
            let events = try EventStreamClient(port: server.port)
            defer { events.close() }
            try await eventually("the event stream to open") { events.text.contains(": connected") }
            #expect(events.text.lowercased().contains("content-type: text/event-stream"))
            try await eventually("the server to count the page") { server.server.hub.connectedCount == 1 }
            server.server.hub.reload()
            try await eventually("reload") { events.messages == ["reload"] }
            #expect(events.text.contains("data: reload\n\n"))
        }
    }
}

@Suite struct PreviewShutdownTests {
    @Test func stopEndsOpenEventStreamsAndTheServer() async throws {
        let site = try PreviewSite()
        let server = try await RunningPreview.start(site)
        let events = try EventStreamClient(port: server.port)
        defer { events.close() }
        try await eventually("the event stream to open") { events.text.contains(": connected") }
        server.server.stop()
        try await eventually("the stream to end") { events.text.hasSuffix("0\r\n\r\n") }
        try await server.task.value
        await #expect(throws: (any Error).self) { try await server.get("/") }
    }
}

/// Ctrl-C: the real executable stops cleanly, even with an event stream open.
@Suite struct ServeCommandTests {
    static let executable: String? = {
        for candidate in [".build/debug/strategy-site", ".build/release/strategy-site"] {
            let path = Repository.path(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    @Test(.enabled(if: executable != nil, "needs the strategy-site executable built"))
    func interruptShutsDownCleanly() async throws {
        let site = try PreviewSite()
        let serve = try ServeProcess(executable: Self.executable ?? "",
                                     arguments: ["serve", "--content", site.content, "--templates", site.templates, "--port", "0"])
        let events = try EventStreamClient(port: try await serve.port())
        defer { events.close() }
        try await eventually("the event stream to open") { events.text.contains(": connected") }

        let printed = try await serve.interrupt()
        #expect(serve.process.terminationReason == .exit)
        #expect(serve.process.terminationStatus == 0)
        #expect(printed.contains("Stopped."))
    }

    /// The server is part of strategy-site: a copy of the executable alone, outside any checkout, serves.
    @Test(.enabled(if: executable != nil, "needs the strategy-site executable built"))
    func aCopyOfTheExecutableAloneServes() async throws {
        let site = try PreviewSite()
        let copy = site.root.appendingPathComponent("strategy-site")
        try FileManager.default.copyItem(atPath: Self.executable ?? "", toPath: copy.path)
        let serve = try ServeProcess(executable: copy.path,
                                     arguments: ["serve", "--content", site.content, "--templates", site.templates, "--port", "0"])
        let port = try await serve.port()
        let home = try await RawHTTP.request(port: port, target: "/", host: "127.0.0.1:\(port)")
        #expect(home.status == 200)
        #expect(home.text.contains("/__strategy-site/events"))
        _ = try await serve.interrupt()
        #expect(serve.process.terminationStatus == 0)
    }

    /// A port another program listens on is named in one line, with what to do; exit status 1.
    @Test(.enabled(if: executable != nil, "needs the strategy-site executable built"))
    func aPortInUseIsSaidSo() async throws {
        let site = try PreviewSite()
        try await withPreview(site) { running in
            let serve = try ServeProcess(executable: Self.executable ?? "",
                                         arguments: ["serve", "--content", site.content, "--templates", site.templates,
                                                     "--port", String(running.port)])
            try await eventually("the process to exit") { !serve.process.isRunning }
            #expect(serve.process.terminationStatus == 1)
            try await eventually("the message") { serve.errors.lines.joined().contains("is in use") }
            let errors = serve.errors.lines.joined()
            #expect(errors.hasSuffix("error: could not serve on 127.0.0.1:\(running.port): port \(running.port) is in use; pass another --port, or --port 0 for any free one\n"),
                    "\(errors)")
        }
    }
}
