import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// What the site says where the documents are read closely: an indicator a heading names is
/// discussed there, "not mentioned" is said only of what could be mentioned, a theme a
/// strategy names but the documents leave out says so, and the sources' "see page N" leads
/// to the section meant.
@Suite("Reading the documents closely")
struct ContentReadingTests {
    static let indicators = """
    - { id: psa-1, code: PSA 1, title: Reduce harm, strategy: "2010", kind: psa }
    - { id: psa-2, code: PSA 2, title: Never named, strategy: "2010", kind: psa }
    - { id: figure-x, title: A figure with no code, strategy: "2010", kind: figure }
    """

    @Test func anIndicatorNamedInAHeadingIsMentionedThereButNotLinked() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "## PSA 1 – Reduce harm\n\nText.\n\n## Other\n\nNothing.\n")])
        try site.write("indicators.yml", Self.indicators)
        let (linked, diagnostics) = site.builder().link()
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let mentions = try #require(linked).mentionsByIndicator["psa-1"] ?? []
        #expect(mentions.map(\.anchor) == ["psa-1-reduce-harm"])
        let body = try #require(linked?.document("one")).body.string
        #expect(body.contains("<h2 id=\"psa-1-reduce-harm\">PSA 1 – Reduce harm <a class=\"anchor\""))
    }

    @Test func notMentionedIsSaidOnlyOfEntriesWithACode() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "## PSA 1 – Reduce harm\n\nText.\n")])
        try site.write("indicators.yml", Self.indicators)
        try site.builder().build()
        func entry(_ id: String) throws -> String { try site.page("indicators/\(id).html") }
        #expect(try entry("psa-1").contains("href=\"../documents/one.html#psa-1-reduce-harm\""))
        #expect(try entry("psa-2").contains("Not mentioned by code in the documents."))
        #expect(!(try entry("figure-x")).contains("Not mentioned"))
        #expect(!(try entry("figure-x")).contains("Mentioned in"))
    }

    static let twoStrategies = "title: T\nstrategies:\n  \"2010\": { title: A, short-title: 2010 strategy }\n  \"2017\": { title: B, short-title: 2017 strategy }\n"

    @Test func aThemeAStrategyNamesButTheDocumentsLeaveOutSaysSoWithTheEditorsNote() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "## Aims\n<!-- themes: world -->\n\nFour chapters; this briefing covers three.\n")])
        try site.write("site.yml", Self.twoStrategies)
        try site.write("documents/later.md", TemporarySite.document(title: "Later", strategy: "2017", body: "## Aims of the strategy\n\nFour chapters; this briefing covers three.\n"))
        try site.write("themes.yml", """
        - id: world
          title: Global action
          names: { "2017": Global action }
          notes:
            - { strategy: "2017", text: "The strategy has a chapter on this that the briefing leaves out, as it says in", source: "doc:later#aims-of-the-strategy" }
        """)
        try site.builder().build()
        let page = try site.page("themes/world.html")
        let column = String(page[try #require(page.range(of: "id=\"strategy-2017\"")).lowerBound...])
        #expect(column.contains("This is one of the 2017 strategy's own themes, but no section of the documents here is on it."))
        #expect(column.contains("the briefing leaves out, as it says in <a href=\"../documents/later.html#aims-of-the-strategy\">Aims of the strategy</a>"))
        #expect(!column.contains("says nothing on this theme"))
    }

    @Test func aThemeNoteNamingNoPlaceIsALocatedError() throws {
        let site = try TemporarySite.minimal()
        try site.write("site.yml", Self.twoStrategies)
        try site.write("themes.yml", "- id: world\n  title: World\n  notes:\n    - { strategy: \"2017\", text: Left out., source: \"doc:one#nowhere\" }\n")
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/themes.yml:4:52: error: unknown anchor '#nowhere' in document 'one'") }, "\(messages)")
    }

    // MARK: The real Content/

    @Test func theGuidesPSAHeadingsAreWhereThosePSAsAreMentioned() throws {
        for id in ["psa-14", "psa-25"] {
            let entry = try BuiltContent.real.page("indicators/\(id).html")
            #expect(!entry.contains("Not mentioned by code"), "\(id)")
            #expect(entry.contains("2008-guide-for-local-partnerships.html#\(id)-"), "\(id)")
        }
    }

    @Test func theSourcesCrossReferencesInWordsLeadToTheSectionsMeant() throws {
        let page = try BuiltContent.real.page("documents/2017-drug-strategy-briefing.html")
        #expect(page.contains("Please <a href=\"#measuring-outcomes\">see page seven</a> for more detail about outcome measurement."))
        #expect(page.contains("<a href=\"#prison\">As outlined on page four</a> prison governors"))
    }

    @Test func theGlobalActionPageSaysThe2017StrategyHasAChapterTheBriefingLeavesOut() throws {
        let page = try BuiltContent.real.page("themes/global.html")
        let column = String(page[try #require(page.range(of: "id=\"strategy-2017\"")).lowerBound...])
        #expect(column.contains("global action"))
        #expect(column.contains("href=\"../documents/2017-drug-strategy-briefing.html#aims-of-the-strategy\""))
        #expect(!column.contains("says nothing on this theme"))
    }
}
