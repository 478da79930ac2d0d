import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Themes and cross-links")
struct ThemeLinkingTests {
    @Test func subsectionsInheritThemesUnlessTheyNameTheirOwn() {
        let (document, diagnostics) = parse("""
            ## Parent
            <!-- themes: housing, treatment -->
            Text.
            ### Inherits
            Text.
            ### Overrides
            <!-- themes: supply -->
            #### Grandchild
            ## No themes
            ### Child of untagged
            """)
        #expect(diagnostics.isEmpty)
        #expect(document.sections.map(\.anchor) == ["parent", "inherits", "overrides", "grandchild", "no-themes", "child-of-untagged"])
        #expect(document.sections.map(\.themes) == [["housing", "treatment"], ["housing", "treatment"], ["supply"], ["supply"], [], []])
        #expect(document.sections.map(\.themesDeclared) == [true, false, true, false, false, false])
        #expect(document.sections.map(\.parentAnchor) == [nil, "parent", "parent", "overrides", nil, "no-themes"])
    }

    @Test func themeCommentIsInvisibleAndLocated() {
        let (document, _) = parse("## Head\n<!-- themes: alpha,  beta -->\nText\n")
        #expect(!document.body.string.contains("themes"))
        let locations = document.references.filter { $0.kind == .themeComment }.map { "\($0.target.map(String.init(describing:)) ?? "") \($0.location)" }
        #expect(locations == ["theme:alpha Content/documents/doc.md:9:14", "theme:beta Content/documents/doc.md:9:22"])
    }

    @Test func themeCommentAwayFromAHeadingIsAWarning() {
        let (document, diagnostics) = parse("Intro\n\n<!-- themes: alpha -->\n")
        #expect(document.references.isEmpty)
        #expect(diagnostics.map(\.description).first?.hasPrefix("Content/documents/doc.md:10:1: warning: theme comment does not directly follow a heading") == true)
    }

    /// The fixture site has three strategies; theme pages list exactly the tagged sections,
    /// by strategy column, in document order.
    @Test func fixtureThemePagesListExactlyTheTaggedSections() throws {
        let site = try TemporarySite(copying: "themes-site")
        let summary = try site.builder().build()
        #expect(summary.documents == 3)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")

        let housing = try site.page("themes/housing.html")
        #expect(links(in: column("strategy-2001", of: housing)) == [
            "../documents/alpha.html", "../documents/alpha.html#housing-first", "../documents/alpha.html#rent",
            "../documents/alpha.html#treatment-in-housing",
        ])
        #expect(links(in: column("strategy-2002", of: housing)) == [
            "../documents/beta.html", "../documents/beta.html#homes",
            "../documents/gamma.html", "../documents/gamma.html#housing-update",
        ])
        #expect(column("strategy-2003", of: housing).contains("says nothing on this theme"))
        #expect(housing.contains("Its own words: <q>Shelter</q>"))

        let treatment = try site.page("themes/treatment.html")
        #expect(links(in: column("strategy-2001", of: treatment)) == ["../documents/alpha.html", "../documents/alpha.html#treatment-in-housing"])
        #expect(links(in: column("strategy-2002", of: treatment)) == [
            "../documents/beta.html", "../documents/beta.html#treatment-works",
            "../documents/gamma.html", "../documents/gamma.html#housing-update",
        ])
    }

    @Test func matrixCountsSectionsPerThemeAndDocument() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let matrix = try site.page("themes/index.html")
        // Columns are documents in site order: alpha (2001), beta, gamma (2002).
        #expect(cells(of: "Housing", in: matrix) == ["3", "1", "1"])
        #expect(cells(of: "Treatment", in: matrix) == ["1", "1", "1"])
        #expect(cells(of: "Supply", in: matrix) == ["1", "0", "0"])
        #expect(matrix.contains("<a href=\"housing.html#in-alpha\""))
        #expect(!matrix.contains("supply.html#in-beta"))
    }

    @Test func documentPagesShowThemesAndTheOtherStrategies() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let alpha = try site.page("documents/alpha.html")
        #expect(alpha.contains("href=\"beta.html#treatment-works\">the beta plan</a>"))
        #expect(alpha.contains("<a href=\"../themes/treatment.html\">treatment</a>"))
        let housingBlock = try #require(alpha.range(of: "id=\"housing-first\"").map { String(alpha[$0.upperBound...].prefix(1500)) })
        #expect(housingBlock.contains("<a class=\"theme-tag\" href=\"../themes/housing.html\">Housing</a>"))
        #expect(housingBlock.contains("Counterparts in the other strategies (4)"))
        #expect(housingBlock.contains("href=\"beta.html#homes\""))
        #expect(housingBlock.contains("href=\"gamma.html#housing-update\""))
    }

    @Test func counterpartBlockOffersTheBestAndThreeMorePerStrategyThenLinksToTheThemePage() throws {
        var documents = ["one": TemporarySite.document(title: "One", strategy: "2010", body: "## Homes\n<!-- themes: housing -->\nText.\n")]
        for number in 1...7 {
            documents["later-\(number)"] = TemporarySite.document(title: "Later \(number)", strategy: "2017", body: "## Housing \(number)\n<!-- themes: housing -->\nText.\n")
        }
        let site = try TemporarySite.minimal(documents: documents)
        try site.write("site.yml", "title: T\nstrategies:\n  \"2010\": { title: A }\n  \"2017\": { title: B, short-title: 2017 strategy }\n")
        try site.write("themes.yml", "- { id: housing, title: Housing }\n")
        try site.builder().build()
        let page = try site.page("documents/one.html")
        let block = String(page[try #require(page.range(of: "<details class=\"other-strategies\">")).lowerBound...].prefix(3000))
        #expect(block.occurrences(of: "<p class=\"counterpart best\"><a href=\"later-") == 1)
        #expect(block.occurrences(of: "<li><a href=\"later-") == 3)
        #expect(block.contains("<li class=\"more\"><a href=\"../themes/housing.html#strategy-2017\">All 7 sections on housing in the 2017 strategy</a></li>"))
    }

    @Test(arguments: [
        ("[x](doc:nope)", "9:1: error: unknown document 'nope' in link doc:nope"),
        ("See [x](doc:other#missing).", "9:5: error: unknown anchor '#missing' in document 'other'"),
        ("[x](theme:nothing)", "9:1: error: unknown theme 'nothing'"),
        ("[x](indicator:ni-999)", "9:1: error: unknown indicator 'ni-999'"),
    ])
    func brokenReferencesFailWithTheirLocation(_ line: String, _ expected: String) throws {
        let site = try TemporarySite.minimal(documents: [
            "one": TemporarySite.document(body: line + "\n"),
            "other": TemporarySite.document(title: "Other", body: "## Real heading\n"),
        ])
        #expect(throws: BuildFailure.self) { try site.builder().build() }
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/documents/one.md:" + expected) }, "\(messages)")
        #expect(!FileManager.default.fileExists(atPath: site.output + "/index.html"))
    }

    @Test func unknownThemeInACommentIsAnError() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "## Head\n<!-- themes: housin -->\n")])
        try site.write("themes.yml", "- { id: housing, title: Housing }\n")
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains(site.content + "/documents/one.md:10:14: error: unknown theme 'housin'\n  hint: did you mean 'housing'?"), "\(messages)")
    }

    @Test func unusedThemeIsAWarning() throws {
        let site = try TemporarySite.minimal()
        try site.write("themes.yml", "- { id: housing, title: Housing }\n- { id: lonely, title: Lonely }\n")
        let messages = site.builder().check().filter { $0.severity == .warning }.map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/themes.yml:1:3: warning: theme 'housing' is not used") })
        #expect(messages.contains { $0.hasPrefix(site.content + "/themes.yml:2:3: warning: theme 'lonely' is not used") })
    }

    @Test func relativeURLsWorkFromEveryDepth() {
        #expect(SitePaths.relative("documents/a.html#x", from: "index.html") == "documents/a.html#x")
        #expect(SitePaths.relative("documents/a.html#x", from: "documents/b.html") == "a.html#x")
        #expect(SitePaths.relative("documents/a.html#x", from: "documents/a.html") == "#x")
        #expect(SitePaths.relative("themes/t.html", from: "documents/a.html") == "../themes/t.html")
        #expect(SitePaths.relative("index.html", from: "themes/index.html") == "../index.html")
    }

    // MARK: Helpers reading generated pages

    /// The HTML of the theme page column with the given id.
    func column(_ id: String, of page: String) -> String {
        guard let start = page.range(of: "<section class=\"column\" id=\"\(id)\"") else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    func links(in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"href="([^"]*)""#)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
    }

    /// The numbers in the matrix row of a theme.
    func cells(of theme: String, in page: String) -> [String] {
        guard let row = page.components(separatedBy: "<tr>").first(where: { $0.contains(">\(theme)</a></th>") }) else { return [] }
        let regex = try! NSRegularExpression(pattern: #"<td>(?:<a[^>]*>|<span[^>]*>)(\d+)<"#)
        return regex.matches(in: row, range: NSRange(row.startIndex..., in: row)).compactMap { Range($0.range(at: 1), in: row).map { String(row[$0]) } }
    }
}
