#if os(Linux)
import Foundation
import Glibc
import Testing
@testable import StrategySitePreview

/// The inotify feed against real files in a temporary folder. Each test writes, then asks once:
/// the writes are finished before the call, so the kernel has queued every event, and a call
/// that returns them did not wait for its timeout (which is long, so a slow machine passes).
@Suite struct InotifyWatcherTests {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("inotify-\(UUID().uuidString)")
            .standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: root + "/documents", withIntermediateDirectories: true)
        try write("documents/one.md", "one")
    }

    /// Plain writes open the file close-on-exec: a process another test spawns meanwhile would
    /// otherwise inherit it, and the close that inotify reports would come when that process
    /// ends, seconds later, in the middle of some other step.
    func write(_ relative: String, _ text: String, atomically: Bool = false) throws {
        let path = root + "/" + relative
        if atomically {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return
        }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(file) }
        let bytes = Array(text.utf8)
        guard Glibc.write(file, bytes, bytes.count) == bytes.count else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// The next burst, read by the test itself from a watcher that was not started.
    func next(_ watcher: InotifyWatcher) -> [String] {
        watcher.waitAndDrain(milliseconds: 20_000)
    }

    @Test func aSaveIsReportedAtOnce() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try InotifyWatcher(directories: [root])
        try write("documents/one.md", "one, edited")
        let start = ContinuousClock.now
        // Timed on the wait itself, not across an `await`: in a busy test run the task may be
        // resumed long after the wait returned, which is not the watcher's time.
        let saved = watcher.waitAndDrain(milliseconds: 20_000)
        #expect(saved == [root + "/documents/one.md"])
        #expect(ContinuousClock.now - start < .seconds(20), "returned on the event, not the timeout")

        // Nothing more happened: an empty answer after the (short) timeout.
        let nothing = watcher.waitAndDrain(milliseconds: 50)
        #expect(nothing.isEmpty)
    }

    @Test func atomicSavesRenamesAndDeletes() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try InotifyWatcher(directories: [root])
        try write("documents/one.md", "saved through a temporary file", atomically: true)
        let saved = next(watcher)
        #expect(saved == [root + "/documents/one.md"], "the temporary file is hidden, so not reported")

        try FileManager.default.moveItem(atPath: root + "/documents/one.md", toPath: root + "/documents/two.md")
        let renamed = next(watcher)
        #expect(renamed == [root + "/documents/one.md", root + "/documents/two.md"])

        try FileManager.default.removeItem(atPath: root + "/documents/two.md")
        let deleted = next(watcher)
        #expect(deleted == [root + "/documents/two.md"])
    }

    @Test func aBurstOfSavesComesInOneAnswer() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try InotifyWatcher(directories: [root])
        let names = (1...40).map { "documents/burst-\($0).md" }
        for name in names { try write(name, name) }
        let burst = next(watcher)
        #expect(burst == names.map { root + "/" + $0 }.sorted())
    }

    @Test func editorsScratchFilesAreIgnored() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try InotifyWatcher(directories: [root])
        try write("documents/.one.md.swp", "swap")
        try write("documents/one.md~", "backup")
        try write("documents/4913", "vim's probe")
        try FileManager.default.removeItem(atPath: root + "/documents/4913")
        try write("documents/one.md", "the save itself")
        let saved = next(watcher)
        #expect(saved == [root + "/documents/one.md"])
    }

    @Test func newFoldersAreWatchedWithTheirFiles() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let watcher = try InotifyWatcher(directories: [root])
        try FileManager.default.createDirectory(atPath: root + "/assets/fonts", withIntermediateDirectories: true)
        try write("assets/fonts/a.woff2", "font")
        var seen = Set(next(watcher))
        // The file may have been written before the new folder was watched: it is reported either way.
        while !seen.contains(root + "/assets/fonts/a.woff2") {
            let more = next(watcher)
            #expect(!more.isEmpty)
            if more.isEmpty { break }
            seen.formUnion(more)
        }
        #expect(watcher.watchedFolders.contains(root + "/assets/fonts"))

        try write("assets/fonts/b.woff2", "another")
        let later = next(watcher)
        #expect(later == [root + "/assets/fonts/b.woff2"])
    }

    @Test func aFolderMovedAwayRebuildsFromTheRoot() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let elsewhere = root + "-moved"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let watcher = try InotifyWatcher(directories: [root])
        try FileManager.default.moveItem(atPath: root + "/documents", toPath: elsewhere)
        let moved = next(watcher)
        // The root is what matters. `one.md`, written by `init`, may come too if a process was
        // being spawned at that instant (it holds the file until its exec closes it, and that
        // close is the event): reporting it rebuilds nothing extra.
        #expect(moved.contains(root))
        #expect(Set(moved).isSubset(of: [root, root + "/documents/one.md"]))
        #expect(watcher.watchedFolders == [root])

        // Files written where it went are not the site's any more.
        try Data("away".utf8).write(to: URL(fileURLWithPath: elsewhere + "/one.md"))
        let away = watcher.waitAndDrain(milliseconds: 100)
        #expect(away.isEmpty)
    }

    /// Started, the watcher's one reader thread adds each burst to the feed, until it is stopped.
    @Test func aStartedWatcherFeedsTheChangeFeed() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let feed = ChangeFeed()
        feed.start(try InotifyWatcher(directories: [root]))
        var batches = feed.batches.makeAsyncIterator()
        try write("documents/one.md", "one, edited")
        #expect(try await batches.next() == [root + "/documents/one.md"])
        try write("documents/two.md", "two")
        try write("documents/one.md", "one, again")
        var seen = Set<String>()
        while seen.count < 2, let batch = try await batches.next() { seen.formUnion(batch) }
        #expect(seen == [root + "/documents/one.md", root + "/documents/two.md"])

        feed.stop()
        try write("documents/one.md", "after the stop")
        #expect(try await batches.next() == nil, "a stopped feed ends, and its reader reads no more")
    }
}
#endif
