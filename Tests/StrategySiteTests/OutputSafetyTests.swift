import Foundation
import Testing
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
        #expect(siblings.sorted() == ["Content", "Output"], "staging folders left behind: \(siblings)")
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

    @Test func refusesANonEmptyFolderItDidNotCreateUnlessForced() throws {
        let site = try TemporarySite(copying: "themes-site")
        try FileManager.default.createDirectory(atPath: site.output, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: site.output + "/notes.txt"))
        #expect(throws: BuildFailure.self) { try site.builder().build() }
        #expect(try String(contentsOfFile: site.output + "/notes.txt", encoding: .utf8) == "mine")
        var options = site.options()
        options.force = true
        try SiteBuilder(options: options).build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test func refusesDangerousOutputFolders() throws {
        let site = try TemporarySite(copying: "themes-site")
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        for output in ["/", home, site.content, site.root.path, site.content + "/..", FileManager.default.currentDirectoryPath] {
            var options = site.options(output: output)
            options.force = true
            let writer = SiteBuilder(options: options).writer
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
        try SiteBuilder(options: options).build()
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

    @Test func refusesToReplaceAFileThatIsNotAZip() throws {
        let site = try TemporarySite(copying: "themes-site")
        let precious = site.root.appendingPathComponent("notes.zip")
        try Data("my notes".utf8).write(to: precious)
        var options = site.options()
        options.zipPath = precious.path
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "my notes")
        #expect(!FileManager.default.fileExists(atPath: site.output), "the refused build wrote the site anyway")
    }
}
