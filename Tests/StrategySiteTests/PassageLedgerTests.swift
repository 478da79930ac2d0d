import Foundation
@testable import StrategySite
import StrategySiteTestSupport
import Testing

/// Links to a paragraph keep landing on it when an editor changes its text: the ledger of
/// published passage ids, kept by `build` in `passages.ledger`.
@Suite struct PassageLedgerTests {
    static let paragraph = "The strategy sets out a fundamentally different approach to tackling drugs and the harms they cause, putting recovery at its heart."
    static let other = "Local partnerships commission treatment, housing and employment support for people in recovery from dependence."

    static func site() throws -> TemporarySite {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "## Heading\n\n\(paragraph)\n\n\(other)\n")])
        try site.write(PassageLedger.fileName, "")
        return site
    }

    static func build(_ site: TemporarySite) throws -> SitePipeline.Summary {
        var options = site.options()
        options.force = true
        return try SitePipeline(options: options).build()
    }

    /// The id of the passage whose text starts with `start` on the built page.
    static func id(of start: String, in page: String) throws -> String {
        let match = try #require(page.range(of: #"<p id="(p:[0-9a-f]+)">"# + NSRegularExpression.escapedPattern(for: start), options: .regularExpression))
        let tag = page[match]
        let idStart = try #require(tag.range(of: "id=\"")).upperBound
        return String(tag[idStart...].prefix { $0 != "\"" })
    }

    @Test func aLinkMadeBeforeAnEditStillLandsOnTheParagraph() throws {
        let site = try Self.site()
        _ = try Self.build(site)
        let before = try Self.id(of: "The strategy", in: site.page("documents/one.html"))
        let ledger = try String(contentsOfFile: site.content + "/" + PassageLedger.fileName, encoding: .utf8)
        #expect(ledger.split(separator: "\n").count == 2)
        #expect(ledger.hasPrefix("one \(before) "))

        try site.edit("documents/one.md") { $0.replacingOccurrences(of: "fundamentally", with: "fundamentaly") }
        let summary = try Self.build(site)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let page = try site.page("documents/one.html")
        let after = try Self.id(of: "<span id=\"\(before)\"", in: page)
        #expect(after != before)
        // The old id is an anchor inside the edited paragraph, before its text.
        #expect(page.contains("<p id=\"\(after)\"><span id=\"\(before)\" class=\"passage-alias\"></span>The strategy sets out a fundamentaly"))
        #expect(PageInvariants.pageProblems(page).isEmpty)
        // The ledger only grew: what was there is kept byte for byte, the new id added.
        let grown = try String(contentsOfFile: site.content + "/" + PassageLedger.fileName, encoding: .utf8)
        #expect(grown.hasPrefix(ledger))
        #expect(grown.dropFirst(ledger.count).hasPrefix("one \(after) "))
        // A doc: link to the old id is still a link to a place on the page.
        try site.write("documents/two.md", TemporarySite.document(title: "Two", body: "See [the approach](doc:one#\(before)).\n"))
        #expect(site.builder().check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func aParagraphEditedTwiceKeepsItsFirstID() throws {
        let site = try Self.site()
        _ = try Self.build(site)
        let first = try Self.id(of: "The strategy", in: site.page("documents/one.html"))
        try site.edit("documents/one.md") { $0.replacingOccurrences(of: "fundamentally different", with: "radically different") }
        _ = try Self.build(site)
        try site.edit("documents/one.md") { $0.replacingOccurrences(of: "putting recovery at its heart", with: "with recovery at its heart") }
        _ = try Self.build(site)
        let page = try site.page("documents/one.html")
        #expect(page.contains("<span id=\"\(first)\" class=\"passage-alias\"></span>"))
        #expect(page.occurrences(of: "class=\"passage-alias\"") == 2)
    }

    @Test func aParagraphRewrittenWholeIsReportedAtItsLedgerLine() throws {
        let site = try Self.site()
        _ = try Self.build(site)
        let before = try Self.id(of: "The strategy", in: site.page("documents/one.html"))
        try site.edit("documents/one.md") { $0.replacingOccurrences(of: Self.paragraph, with: "Nothing of the old words is left in this sentence.") }
        let diagnostics = site.builder().check()
        #expect(diagnostics.map(\.description) == [
            "\(site.content)/passages.ledger:1:1: warning: passage '\(before)' of document 'one' is gone: no passage is like it now, so links made to it land at the top of the page\n  hint: if it was deleted on purpose, delete this line of the ledger",
        ])
    }

    @Test func aSiteWithoutALedgerGetsNone() throws {
        let site = try TemporarySite.minimal()
        _ = try site.builder().build()
        #expect(!FileManager.default.fileExists(atPath: site.content + "/" + PassageLedger.fileName))
    }

    @Test func aDamagedLineIsSkippedWithAWarningAndKept() throws {
        let site = try Self.site()
        try site.write(PassageLedger.fileName, "# kept by strategy-site build\none p:1234 not-a-sketch\n")
        let summary = try Self.build(site)
        #expect(summary.warnings.map { $0.location.line } == [2])
        let ledger = try String(contentsOfFile: site.content + "/" + PassageLedger.fileName, encoding: .utf8)
        #expect(ledger.hasPrefix("# kept by strategy-site build\none p:1234 not-a-sketch\none p:"))
    }

    @Test func sketchesTellAnEditFromAnotherParagraph() {
        let original = PassageSketch(text: Self.paragraph)
        let edited = PassageSketch(text: Self.paragraph.replacingOccurrences(of: "drugs", with: "drug misuse"))
        let different = PassageSketch(text: Self.other)
        #expect(original.similarity(to: edited) >= PassageSketch.sameDegree)
        #expect(original.similarity(to: different) < PassageSketch.sameDegree)
        #expect(PassageSketch(parsing: Substring(original.text)) == original)
        #expect(PassageSketch(text: "").similarity(to: PassageSketch(text: "")) == 0)
    }
}
