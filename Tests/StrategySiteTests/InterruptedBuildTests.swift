import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Real `strategy-site build` processes, run side by side and killed with SIGKILL at random
/// points: whatever happens, no file a user put in the output is lost, and the next build
/// leaves no debris.
@Suite("Interrupted and concurrent builds", .serialized)
struct InterruptedBuildTests {
    /// A built site whose output also holds a user's dotfiles: many small files, at the top
    /// and in a folder (so a kill often lands while they are carried over), a link and an
    /// empty file.
    static func siteWithUserFiles() throws -> TemporarySite {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let objects = site.output + "/.git/objects"
        try FileManager.default.createDirectory(atPath: objects, withIntermediateDirectories: true)
        for index in 0..<300 {
            try Data("object \(index)\n".utf8).write(to: URL(fileURLWithPath: "\(objects)/\(index)"))
        }
        // Many top-level dotfiles: each was once moved on its own, the widest window for a race.
        for index in 0..<500 {
            try Data("note \(index)\n".utf8).write(to: URL(fileURLWithPath: site.output + "/.note-\(index)"))
        }
        try Data("ref: refs/heads/main\n".utf8).write(to: URL(fileURLWithPath: site.output + "/.git/HEAD"))
        try FileManager.default.createSymbolicLink(atPath: site.output + "/.git/head-link", withDestinationPath: "HEAD")
        try Data().write(to: URL(fileURLWithPath: site.output + "/.gitkeep"))
        try FileManager.default.createDirectory(atPath: site.output + "/.well-known", withIntermediateDirectories: true)
        try Data("Contact: mailto:x@example.org\n".utf8).write(to: URL(fileURLWithPath: site.output + "/.well-known/security.txt"))
        return site
    }

    /// The user's files in `folder`: every path under a top-level dotfile but the build marker.
    static func userFiles(in folder: String) -> [String: Data] {
        guard let all = try? snapshot(folder) else { return [:] }
        return all.filter { path, _ in path.hasPrefix(".") && !path.hasPrefix(SiteWriter.markerName) }
    }

    /// Folders an interrupted build left beside the output.
    static func debris(_ site: TemporarySite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.hasPrefix(".Output.staging-") || $0.hasPrefix(".Output.previous-") || $0.hasPrefix(".site.zip.partial-")
        }
    }

    static func startBuild(_ site: TemporarySite, zip: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = try #require(CommandLineTests.executable, "strategy-site not built next to the tests")
        process.arguments = ["build", "--content", "Content", "--templates", Repository.templates] + (zip ? ["--zip", "site.zip"] : [])
        process.currentDirectoryURL = site.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func concurrentBuildsWaitForEachOtherAndAllSucceed() async throws {
        let site = try Self.siteWithUserFiles()
        let before = Self.userFiles(in: site.output)
        for _ in 0..<3 {
            let builds = try (0..<3).map { _ in try Self.startBuild(site) }
            for build in builds { await build.finished() }
            #expect(builds.map(\.terminationStatus) == [0, 0, 0])
            #expect(Self.userFiles(in: site.output) == before)
            #expect(try Self.debris(site).isEmpty)
        }
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test func aSecondBuildSaysItWaits() throws {
        let site = try Self.siteWithUserFiles()
        // Hold the lock as a build would, then start a real build and watch it wait.
        let writer = SitePipeline(options: site.options()).writer
        let errors = Pipe()
        let said = Collected()
        errors.fileHandleForReading.readabilityHandler = { handle in said.append(handle.availableData) }
        let process = Process()
        process.executableURL = try #require(CommandLineTests.executable)
        process.arguments = ["build", "--content", "Content", "--templates", Repository.templates]
        process.currentDirectoryURL = site.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let note = "note: another build (process \(getpid())) is writing Output; waiting for it to finish"
        try writer.locked { () throws(Diagnostic) in
            try? process.run()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline && !said.text.contains(note) { Thread.sleep(forTimeInterval: 0.05) }
            #expect(process.isRunning, "the second build should wait for the lock")
        }
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationStatus == 0)
        #expect(said.text.contains(note), "\(said.text)")
    }

    /// Bytes a reader thread collects.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    /// The crash test: dozens of builds with `--zip`, one to three at a time, most killed at a
    /// random moment. After every round each of the user's files is still in the output or in a
    /// folder the next build restores it from; after the next complete build, the output holds
    /// them all, byte for byte, and nothing else is left beside it.
    @Test func killedBuildsNeverLoseAUsersFile() async throws {
        let site = try Self.siteWithUserFiles()
        let before = Self.userFiles(in: site.output)
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var generator = SeededGenerator(seed: seed)
        // How long one build takes here, so that kills land all through it.
        let start = Date()
        let timing = try Self.startBuild(site, zip: true)
        await timing.finished()
        let buildTime = max(Date().timeIntervalSince(start), 0.05)

        // Rounds go on for 12 s, and on a slow machine until enough builds were killed to prove
        // something (40 rounds at most).
        let deadline = Date().addingTimeInterval(12)
        var rounds = 0, killed = 0
        while (Date() < deadline || killed <= 10) && rounds < 40 {
            rounds += 1
            let builds = try (0..<Int.random(in: 1...3, using: &generator)).map { _ in try Self.startBuild(site, zip: true) }
            for build in builds {
                try await Task.sleep(for: .seconds(Double.random(in: 0...(buildTime * 1.5), using: &generator)))
                if Int.random(in: 0..<10, using: &generator) < 8 {
                    kill(build.processIdentifier, SIGKILL)
                    killed += 1
                }
            }
            for build in builds { await build.finished() }

            // Nothing lost, even before the next build cleans up.
            var found = Self.userFiles(in: site.output)
            for folder in try Self.debris(site) {
                for (path, data) in Self.userFiles(in: site.root.path + "/" + folder) where found[path] == nil { found[path] = data }
            }
            let lost = Set(before.keys).subtracting(found.keys)
            #expect(lost.isEmpty, "seed \(seed), round \(rounds): \(lost.count) of the user's files are nowhere, e.g. \(lost.sorted().prefix(3))")

            // The next complete build puts everything right.
            let next = try Self.startBuild(site, zip: true)
            await next.finished()
            #expect(next.terminationStatus == 0, "seed \(seed), round \(rounds)")
            #expect(Self.userFiles(in: site.output) == before, "seed \(seed), round \(rounds): the user's files differ after the next build")
            let left = try Self.debris(site)
            #expect(left.isEmpty, "seed \(seed), round \(rounds): debris left: \(left)")
            #expect(FileManager.default.fileExists(atPath: site.output + "/documents/alpha.html"))
            #expect(SiteArchiver.isZip(site.root.appendingPathComponent("site.zip")), "seed \(seed), round \(rounds): site.zip is not a zip")
            if lost.isEmpty == false { break }
        }
        #expect(killed > 10, "too few builds were killed to prove anything (\(killed) in \(rounds) rounds)")
    }

    /// A crash between the two renames leaves no output at all, only `.Output.previous-*`: the
    /// next build puts it back before anything else, and its dotfiles with it.
    @Test func theNextBuildRestoresAnOutputLeftAsidePreviousFolder() throws {
        let site = try Self.siteWithUserFiles()
        let before = Self.userFiles(in: site.output)
        let previous = site.root.appendingPathComponent(".Output.previous-1-2").path
        try FileManager.default.moveItem(atPath: site.output, toPath: previous)
        let staging = site.root.appendingPathComponent(".Output.staging-1-2").path
        try FileManager.default.createDirectory(atPath: staging + "/documents", withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: staging + "/documents/alpha.html"))
        // A dotfile only a staging folder holds (its owner removed it from the output meanwhile)
        // is put back too: a user's file is never deleted with the debris.
        try Data("only here".utf8).write(to: URL(fileURLWithPath: staging + "/.only-in-staging"))
        try site.builder().build()
        var expected = before
        expected[".only-in-staging"] = Data("only here".utf8)
        #expect(Self.userFiles(in: site.output) == expected)
        #expect(try Self.debris(site).isEmpty)
    }

    /// Files created in the old output's dot-folders while a build linked them over are moved
    /// into the new output, not deleted with the old one; nothing in the output is replaced.
    @Test func filesOnlyTheOldOutputHoldsAreRescued() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rescue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output"), old = root.appendingPathComponent(".Output.previous-1-1")
        func write(_ folder: URL, _ path: String, _ text: String) throws {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write(output, ".git/HEAD", "new")
        try write(old, ".git/HEAD", "old")
        try write(old, ".git/objects/ab/cdef", "written during the build")
        try write(old, ".git/index.lock", "lock")
        try write(old, ".new-dotfile", "x")
        try write(old, "index.html", "an old page")
        try write(old, SiteWriter.markerName, "marker")
        // A file the user replaced in the old output after the build linked it (an editor's
        // save by rename): the old output's version is newer and wins; an older one does not.
        try write(output, ".git/config", "linked before the save")
        try write(old, ".git/config", "saved during the build")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: output.appendingPathComponent(".git/config").path)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: old.appendingPathComponent(".git/HEAD").path)
        let moved = try OutputDebris(output: output).rescue(from: old)
        #expect(moved.count == 4, "\(moved)")
        #expect(try String(contentsOf: output.appendingPathComponent(".git/config"), encoding: .utf8) == "saved during the build")
        #expect(try String(contentsOf: output.appendingPathComponent(".git/HEAD"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appendingPathComponent(".git/objects/ab/cdef"), encoding: .utf8) == "written during the build")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".git/index.lock").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".new-dotfile").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteWriter.markerName).path))

        // A staging folder holds only links or copies: it never replaces a file of the output.
        let staging = root.appendingPathComponent(".Output.staging-1-1")
        try write(staging, ".git/config", "a copy from the staging folder")
        #expect(try OutputDebris(output: output).rescue(from: staging).isEmpty)
        #expect(try String(contentsOf: output.appendingPathComponent(".git/config"), encoding: .utf8) == "saved during the build")
    }
}

extension Process {
    /// Waits for the process to end without holding a thread: the long tests here would
    /// otherwise keep one of Swift's few cooperative threads from the tests running beside them.
    func finished() async {
        while isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }
}
