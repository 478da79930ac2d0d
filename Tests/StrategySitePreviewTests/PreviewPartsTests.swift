import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySitePreview

@Suite struct RequestTargetTests {
    @Test func plainPathsAreFiles() {
        #expect(RequestTarget("/") == .file(""))
        #expect(RequestTarget("/index.html") == .file("index.html"))
        #expect(RequestTarget("/themes/") == .file("themes/"))
        #expect(RequestTarget("/documents/first-plan.html?x=1#top") == .file("documents/first-plan.html"))
        #expect(RequestTarget("/a%20b.html") == .file("a b.html"))
        #expect(RequestTarget("/__strategy-site/events") == .events)
        #expect(RequestTarget("/__strategy-site/events?since=1") == .events)
    }

    @Test(arguments: [
        "/..", "/../Package.swift", "/a/../b", "/./a", "/%2e%2e/", "/%2E%2e/x", "/.%2E/x", "/..%2f", "/a%2Fb", "//etc/passwd",
        "/a//b", "/a\\b", "/%5c", "/a%00b", "/%0d%0a", "/%zz", "http://example.org/", "*", "", "etc/passwd",
    ])
    func suspiciousPathsAreRefused(target: String) {
        guard case .refused(let status, _) = RequestTarget(target) else {
            Issue.record("\(target) was not refused")
            return
        }
        #expect(status == 400)
    }

    @Test func previewPathsOtherThanEventsAreNotFound() {
        #expect(RequestTarget("/__strategy-site/x") == .refused(status: 404, reason: "not found"))
    }
}

@Suite struct HostCheckTests {
    @Test func loopbackNamesWithThePort() {
        let check = HostCheck(boundHost: "127.0.0.1", port: 8000)
        #expect(check.allows("127.0.0.1:8000"))
        #expect(check.allows("localhost:8000"))
        #expect(check.allows("[::1]:8000"))
        #expect(!check.allows("127.0.0.1"))
        #expect(!check.allows("127.0.0.1:8001"))
        #expect(!check.allows("evil.example:8000"))
        #expect(!check.allows("localhost.evil.example:8000"))
        #expect(!check.allows(nil))
        #expect(!check.allows(""))
        #expect(!check.allows("127.0.0.1:8000:1"))
    }

    @Test func boundAddressAndWildcards() {
        #expect(HostCheck(boundHost: "192.168.1.5", port: 8000).allows("192.168.1.5:8000"))
        #expect(!HostCheck(boundHost: "192.168.1.5", port: 8000).allows("192.168.1.6:8000"))
        #expect(HostCheck(boundHost: "0.0.0.0", port: 8000).allows("192.168.1.6:8000"))
        #expect(!HostCheck(boundHost: "0.0.0.0", port: 8000).allows("rebind.example:8000"))
        #expect(HostCheck(boundHost: "127.0.0.1", port: 80).allows("localhost"))
    }

    @Test func loopback() {
        #expect(HostCheck.isLoopback("127.0.0.1"))
        #expect(HostCheck.isLoopback("127.1.2.3"))
        #expect(HostCheck.isLoopback("localhost"))
        #expect(HostCheck.isLoopback("::1"))
        #expect(!HostCheck.isLoopback("0.0.0.0"))
        #expect(!HostCheck.isLoopback("192.168.1.5"))
        #expect(!HostCheck.isLoopback("example.org"))
    }
}

@Suite struct EventHubTests {
    @Test func encodesMessagesAsDataLines() {
        #expect(EventHub.encode(.message("reload")) == "data: reload\n\n")
        #expect(EventHub.encode(.message("a:1:1: bad\n  hint: x")) == "data: a:1:1: bad\ndata:   hint: x\n\n")
        #expect(EventHub.encode(.keepAlive) == ": keep-alive\n\n")
    }

    @Test func newSubscribersGetCurrentErrorsUntilReload() async {
        let hub = EventHub()
        hub.showErrors("x.md:1:1: broken")
        let (first, events) = hub.subscribe()
        hub.reload()
        hub.unsubscribe(first)
        var received: [EventHub.Event] = []
        for await event in events { received.append(event) }
        #expect(received == [.message("x.md:1:1: broken"), .message("reload")])

        let (second, later) = hub.subscribe()
        hub.close()
        var none: [EventHub.Event] = []
        for await event in later { none.append(event) }
        #expect(none.isEmpty)
        hub.unsubscribe(second)
    }
}

@Suite struct FileWatcherTests {
    @Test func findsAddedChangedAndRemovedFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/a.md"))
        try Data("b".utf8).write(to: URL(fileURLWithPath: root + "/sub/b.md"))
        let watcher = FileWatcher(directories: [root])
        let before = watcher.snapshot()
        #expect(before.count == 2)

        try Data("a, longer".utf8).write(to: URL(fileURLWithPath: root + "/a.md"))
        try FileManager.default.removeItem(atPath: root + "/sub/b.md")
        try Data("c".utf8).write(to: URL(fileURLWithPath: root + "/c.md"))
        try Data("swap".utf8).write(to: URL(fileURLWithPath: root + "/.a.md.swp"))
        try Data("backup".utf8).write(to: URL(fileURLWithPath: root + "/a.md~"))
        let changes = FileWatcher.changes(from: before, to: watcher.snapshot())
        let standardized = URL(fileURLWithPath: root).standardizedFileURL.path
        #expect(changes == [standardized + "/a.md", standardized + "/c.md", standardized + "/sub/b.md"])
    }

    /// Where inotify is not, the polling watcher feeds the same feed: a save, once the folder is
    /// quiet, arrives as one batch.
    @Test func thePollingWatcherFeedsSavesInBatches() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("poll-\(UUID().uuidString)").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("a".utf8).write(to: URL(fileURLWithPath: root + "/a.md"))
        let feed = ChangeFeed()
        feed.start(PollingWatcher(watcher: FileWatcher(directories: [root]), interval: .milliseconds(20), debounce: .milliseconds(20)))
        defer { feed.stop() }
        var batches = feed.batches.makeAsyncIterator()
        try Data("a, saved".utf8).write(to: URL(fileURLWithPath: root + "/a.md"))
        try Data("b".utf8).write(to: URL(fileURLWithPath: root + "/b.md"))
        var seen = Set<String>()
        while seen.count < 2, let batch = try await batches.next() { seen.formUnion(batch) }
        #expect(seen == [root + "/a.md", root + "/b.md"])
    }
}
