import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite
import ZIPFoundation

@Suite("Writing the output safely")
struct OutputSafetyTests {
    @Test func failedBuildLeavesThePreviousOutputUntouched() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let before = try snapshot(site.output)
        try site.write("documents/alpha.md", "---\ntitle: [broken\n---\n")
        #expect(throws: BuildFailure.self) { try site.builder().build() }
        #expect(try snapshot(site.output) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        // The lock file of the first build stays (see OutputLock); nothing else may.
        #expect(siblings.sorted() == [".Output.lock", "Content", "Output"], "staging folders left behind: \(siblings)")
    }

    @Test func removedDocumentsDisappearAndDotfilesStay() throws {
        let site = try TemporarySite(copying: "themes-site")
        try FileManager.default.createDirectory(atPath: site.output + "/.git", withIntermediateDirectories: true)
        try Data("ref".utf8).write(to: URL(fileURLWithPath: site.output + "/.git/HEAD"))
        try Data().write(to: URL(fileURLWithPath: site.output + "/.gitkeep"))
        try site.builder().build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/documents/gamma.html"))
        try site.remove("documents/gamma.md")
        try site.builder().build()
        #expect(!FileManager.default.fileExists(atPath: site.output + "/documents/gamma.html"))
        #expect(try String(contentsOfFile: site.output + "/.git/HEAD", encoding: .utf8) == "ref")
        #expect(FileManager.default.fileExists(atPath: site.output + "/.gitkeep"))
    }

    @Test func aNamedPipeAmongTheDotfilesIsKept() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        #expect(mkfifo(site.output + "/.pipe", 0o600) == 0)
        try site.builder().build()
        #expect(FileSystemEntry.at(site.output + "/.pipe") == .fifo)
    }

    @Test func refusesANonEmptyFolderItDidNotCreateUnlessForced() throws {
        let site = try TemporarySite(copying: "themes-site")
        try FileManager.default.createDirectory(atPath: site.output, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: site.output + "/notes.txt"))
        #expect(throws: BuildFailure.self) { try site.builder().build() }
        #expect(try String(contentsOfFile: site.output + "/notes.txt", encoding: .utf8) == "mine")
        var options = site.options()
        options.force = true
        try SitePipeline(options: options).build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test func refusesDangerousOutputFolders() throws {
        let site = try TemporarySite(copying: "themes-site")
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        for output in ["/", home, site.content, site.root.path, site.content + "/..", FileManager.default.currentDirectoryPath] {
            var options = site.options(output: output)
            options.force = true
            let writer = SitePipeline(options: options).writer
            #expect(writer.refusal() != nil, "should refuse \(output)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content + "/documents").count == 3)
    }
}

@Suite("The offline zip")
struct ZipTests {
    @Test func zipHoldsTheWholeSiteInOneFolderWithoutDotfiles() throws {
        let site = try TemporarySite(copying: "themes-site")
        var options = site.options()
        options.zipPath = site.root.appendingPathComponent("offline.zip").path
        try SitePipeline(options: options).build()
        let archive = try Archive(url: site.root.appendingPathComponent("offline.zip"), accessMode: .read)
        let paths = Set(archive.map(\.path))
        let written = try FileManager.default.subpathsOfDirectory(atPath: site.output)
            .filter { !$0.hasPrefix(".") && !SiteArchiver.isDirectory(URL(fileURLWithPath: site.output + "/" + $0)) }
        #expect(paths == Set(written.map { "offline/" + $0 }))
        #expect(paths.contains("offline/index.html") && paths.contains("offline/assets/site.css"))
        #expect(!paths.contains { $0.contains("/.") })
        // Unpacked anywhere, it is the same site.
        let unpacked = site.root.appendingPathComponent("unpacked")
        try FileManager.default.unzipItem(at: site.root.appendingPathComponent("offline.zip"), to: unpacked)
        #expect(try Data(contentsOf: unpacked.appendingPathComponent("offline/documents/alpha.html")) == Data(contentsOf: URL(fileURLWithPath: site.output + "/documents/alpha.html")))
    }

    @Test func partialZipsOfEndedBuildsAreRemoved() throws {
        let site = try TemporarySite(copying: "themes-site")
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = site.root.appendingPathComponent(".offline.zip.partial-\(ended.processIdentifier)-x").path
        let running = site.root.appendingPathComponent(".offline.zip.partial-\(getpid())-y").path
        for path in [stale, running] { try Data("PK".utf8).write(to: URL(fileURLWithPath: path)) }
        var options = site.options()
        options.zipPath = site.root.appendingPathComponent("offline.zip").path
        try SitePipeline(options: options).build()
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: running), "the partial zip of a running build was removed")
        let left = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains(".partial-") }
        #expect(left == [(running as NSString).lastPathComponent])
    }

    @Test func refusesToReplaceAFileThatIsNotAZip() throws {
        let site = try TemporarySite(copying: "themes-site")
        let precious = site.root.appendingPathComponent("notes.zip")
        try Data("my notes".utf8).write(to: precious)
        var options = site.options()
        options.zipPath = precious.path
        #expect(throws: BuildFailure.self) { try SitePipeline(options: options).build() }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "my notes")
        #expect(!FileManager.default.fileExists(atPath: site.output), "the refused build wrote the site anyway")
    }
}

@Suite("Options that cannot work")
struct OptionRefusalTests {
    func run(_ arguments: [String], in site: TemporarySite, environment: [String: String] = [:]) throws -> CommandLineTests.Run {
        try CommandLineTests().run(arguments + ["--content", "Content", "--templates", Repository.templates], in: site.root, environment: environment)
    }

    @Test func zipInAMissingFolderIsRefusedBeforeTheOutputIsReplaced() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let before = try snapshot(site.output)
        try site.write("documents/alpha.md", try String(contentsOfFile: site.content + "/documents/alpha.md", encoding: .utf8) + "\nA new line.\n")
        var options = site.options()
        options.zipPath = site.root.appendingPathComponent("missing/folder/site.zip").path
        #expect(throws: BuildFailure.self) { try SitePipeline(options: options).build() }
        #expect(try snapshot(site.output) == before, "the output was replaced although the zip could not be written")

        let result = try run(["build", "--zip", "missing/folder/site.zip"], in: site)
        #expect(result.status == 2)
        #expect(result.errors.contains("--zip missing/folder/site.zip: cannot write the zip: the folder \(FileSystemEntry.realPath(site.root.path)!)/missing/folder does not exist"), "\(result.errors)")
        #expect(try snapshot(site.output) == before)
    }

    @Test func emptyZipOrOutputIsAUsageError() throws {
        let site = try TemporarySite(copying: "themes-site")
        let zip = try run(["build", "--zip", ""], in: site)
        #expect(zip.status == 2)
        #expect(zip.errors.contains("--zip needs a file name"), "\(zip.errors)")
        let output = try run(["build", "--output", ""], in: site)
        #expect(output.status == 2)
        #expect(output.errors.contains("the output folder must not be empty"), "\(output.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["Content"])
    }

    @Test func zipInsideTheOutputOrOverAFolderIsRefused() throws {
        let site = try TemporarySite(copying: "themes-site")
        let inside = try run(["build", "--zip", "Output/site.zip"], in: site)
        #expect(inside.status == 2)
        #expect(inside.errors.contains("refusing to write the zip inside the output folder"), "\(inside.errors)")
        try FileManager.default.createDirectory(atPath: site.root.path + "/site.zip", withIntermediateDirectories: true)
        let folder = try run(["build", "--zip", "site.zip"], in: site)
        #expect(folder.status == 2)
        #expect(folder.errors.contains("refusing to replace site.zip: it is a folder, not a zip archive"), "\(folder.errors)")
    }

    @Test func outputInsideContentOrTemplatesIsRefusedAlsoThroughALink() throws {
        let site = try TemporarySite(copying: "themes-site")
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/Elsewhere", withDestinationPath: "Content/documents")
        for output in ["Content/documents/out", "Elsewhere/out", "Content"] {
            let result = try run(["build", "--output", output], in: site)
            #expect(result.status == 2, "--output \(output)")
            #expect(result.errors.contains("--output \(output): refusing to write the site into \(output)"), "\(result.errors)")
        }
        var options = site.options(output: site.root.path + "/Elsewhere/out")
        options.force = true
        #expect(throws: BuildFailure.self) { try SitePipeline(options: options).build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.content + "/documents").sorted() == ["alpha.md", "beta.md", "gamma.md"])
    }

    @Test func outputThroughAFileNamesTheFile() throws {
        let site = try TemporarySite(copying: "themes-site")
        try Data("x".utf8).write(to: site.root.appendingPathComponent("afile"))
        let result = try run(["build", "--output", "afile/sub"], in: site)
        #expect(result.status == 2)
        #expect(result.errors.contains("--output afile/sub: cannot write the site into afile/sub: \(FileSystemEntry.realPath(site.root.path)!)/afile is a file, not a folder"), "\(result.errors)")
        #expect(!result.errors.contains("error 512"))
    }

    @Test func anOutputThatIsALinkWritesWhereItLeads() throws {
        let site = try TemporarySite(copying: "themes-site")
        let target = site.root.appendingPathComponent("www").path
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/Pub", withDestinationPath: target)
        let dangling = try run(["build", "--output", "Pub"], in: site)
        #expect(dangling.status == 2)
        #expect(dangling.errors.contains("Pub is a link to a folder that does not exist"), "\(dangling.errors)")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target + "/.keep"))
        let built = try run(["build", "--output", "Pub"], in: site)
        #expect(built.status == 0, "\(built.errors)")
        #expect(FileSystemEntry.at(site.root.path + "/Pub") == .symlink, "the link itself stays")
        #expect(FileManager.default.fileExists(atPath: target + "/index.html"))
        #expect(try String(contentsOfFile: target + "/.keep", encoding: .utf8) == "keep")
    }

    @Test func theHomeFolderRefusalHonoursHOME() throws {
        let site = try TemporarySite(copying: "themes-site")
        let home = site.root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: home + "/.profile"))
        let result = try run(["build", "--output", home, "--force"], in: site, environment: ["HOME": home])
        #expect(result.status == 2)
        #expect(result.errors.contains("refusing to write the site into the home folder"), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home) == [".profile"])
    }

    @Test func baseURLMustBeAnAbsoluteHTTPURLAsInSiteYml() throws {
        let site = try TemporarySite(copying: "themes-site")
        for bad in ["javascript:alert(1)//", "not a url", "https://", "ftp://example.org/", "https://exa mple.org/", "https://example.org/\"><script>"] {
            let result = try run(["build", "--base-url", bad], in: site)
            #expect(result.status == 2, "--base-url \(bad)")
            #expect(result.errors.contains("--base-url \(bad): must"), "\(result.errors)")
            #expect(BaseURL.problem(bad) != nil)
        }
        #expect(!FileManager.default.fileExists(atPath: site.output))
        let good = try run(["build", "--base-url", "https://example.org/strategies/"], in: site)
        #expect(good.status == 0, "\(good.errors)")
        #expect(try site.page("sitemap.xml").contains("https://example.org/strategies/"))
    }
}
