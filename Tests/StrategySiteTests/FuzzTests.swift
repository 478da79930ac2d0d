import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Random front matter and file names: the pipeline never crashes or hangs, reports problems
/// as located diagnostics, and touches no file outside the output folder.
@Suite("Random input")
struct FuzzTests {
    static let frontMatterPieces = ["title: T\n", "title: \"quoted: colon\"\n", "title: [a\n", "strategy: \"2010\"\n", "strategy: 2010\n",
                                    "strategy: x\n", "published: 2010-12-08\n", "published: 2010-99\n", "published: [1]\n",
                                    "publisher: P\n", "summary: S\n", "summary:\n", "extra: 1\n", "  indented: x\n", ": nokey\n",
                                    "title: T\ntitle: U\n", "- list\n", "\t\n", "#comment\n", "é: ü\n", "&anchor x\n", "*alias\n"]
    static let namePieces = ["a", "b", "-", "--", "A", "1", "é", " ", ".", "md", "_", "x"]

    @Test func randomDocumentsNeverCrashAndNothingOutsideTheOutputChanges() throws {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<12 {
            let site = try TemporarySite.minimal(documents: [:])
            for index in 0..<6 {
                let lines = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Self.frontMatterPieces.randomElement(using: &generator)! }
                let withFences = Bool.random(using: &generator) ? "---\n" + lines.joined() + "---\n## H\ntext [^1] [a](doc:a)\n" : lines.joined()
                var name = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Self.namePieces.randomElement(using: &generator)! }.joined()
                name += Bool.random(using: &generator) ? ".md" : ""
                guard !name.contains("/"), name != ".", name != ".." else { continue }
                try site.write("documents/\(index)\(name)", withFences)
            }
            let before = try snapshot(site.root.path, excluding: "Output")
            let diagnostics = site.builder().check()
            do {
                try site.builder().build()
                #expect(!diagnostics.hasErrors, "round \(round): build succeeded although check found errors")
                let pages = builtPages(site.output)
                #expect(!pages.isEmpty, "round \(round)")
                let problems = PageInvariants.siteProblems(pages)
                #expect(problems.isEmpty, "round \(round): \(problems.prefix(5))")
            } catch {
                #expect(error.diagnostics.hasErrors, "round \(round)")
                #expect(!FileManager.default.fileExists(atPath: site.output), "round \(round): failed build wrote output")
            }
            for diagnostic in diagnostics {
                #expect(diagnostic.location.path.hasPrefix(site.content), "round \(round): \(diagnostic)")
                let text = (try? String(contentsOfFile: diagnostic.location.path, encoding: .utf8)) ?? ""
                let problems = InputInvariants.diagnosticProblems([diagnostic], path: diagnostic.location.path, text: text)
                #expect(problems.isEmpty, "round \(round): \(problems)")
            }
            #expect(try snapshot(site.root.path, excluding: "Output") == before, "round \(round): a file outside Output changed")
        }
    }

    /// Every page of a built site, by its path in the output.
    func builtPages(_ output: String) -> [String: String] {
        var pages: [String: String] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: output)) ?? [] where path.hasSuffix(".html") {
            pages[path] = try? String(contentsOfFile: output + "/" + path, encoding: .utf8)
        }
        return pages
    }
}
