import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Indicators: data, auto-links, back-links, lookup")
struct IndicatorTests {
    func linked(_ fixture: String = "themes-site") throws -> (LinkedSite, [Diagnostic]) {
        let site = try TemporarySite(copying: fixture)
        let (linked, diagnostics) = site.builder().link()
        return (try #require(linked), diagnostics)
    }

    /// The fixture site, freshly built.
    func builtSite() throws -> TemporarySite {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        return site
    }

    /// The HTML of one indicator's row on the lookup page.
    func row(_ id: String, in page: String) throws -> String {
        try #require(page.components(separatedBy: "<article").first { $0.contains("id=\"\(id)\"") })
    }

    @Test func mentionsAreLinkedInEveryFormButNotInCodeLinksOrHeadings() throws {
        let (site, diagnostics) = try linked()
        #expect(!diagnostics.hasErrors)
        let alpha = try #require(site.document("alpha"))
        let output = alpha.body.string
        #expect(output.contains("Rent help, under <a href=\"../indicators/ni-7.html\">NI 7</a> and <a href=\"../indicators/ni-7.html\">NI7</a>, but not <code>NI 7</code> in code or <a href=\"https://example.org\">NI 7</a>."))
        #expect(output.contains("<td><a href=\"../indicators/psa-1.html\">PSA 1</a></td>"))
    }

    @Test func matcherNeedsWholeWordsAndPrefersTheLongestForm() {
        let indicators = [("a", "NI 14"), ("b", "NI 149"), ("c", "PSA 2")].map(Indicator.nationalIndicator)
        let matcher = IndicatorMatcher(indicators: indicators)
        let text = "NI 149, NI 14; NI1490 xNI 14 NI149 PSA 25 PSA 2."
        let found = matcher.matches(in: text).map { match in
            (String(decoding: Array(text.utf8)[match.range], as: UTF8.self), match.indicatorID)
        }
        #expect(found.map(\.0) == ["NI 149", "NI 14", "NI149", "PSA 2"])
        #expect(found.map(\.1) == ["b", "a", "b", "c"])
    }

    @Test func backLinksListEverySectionThatMentionsAnIndicator() throws {
        let (site, _) = try linked()
        let mentions = (site.mentionsByIndicator["ni-7"] ?? []).map { "\($0.slug)#\($0.anchor)" }
        #expect(mentions == ["alpha#", "alpha#rent", "alpha#supply-side", "beta#treatment-works"])
        #expect((site.mentionsByIndicator["psa-1"] ?? []).map(\.anchor) == ["supply-side"])
    }

    @Test func eachIndicatorPageShowsLineageBothWaysAndParents() throws {
        let site = try builtSite()
        let ni7 = try site.page("indicators/ni-7.html")
        #expect(ni7.contains("<a href=\"psa-1.html\">PSA 1: Reduce harm</a>"))
        #expect(ni7.contains("Numbers staying in treatment for 12 weeks."))
        #expect(ni7.contains("<a href=\"outcome-free.html\">Leaving treatment free of dependence</a> (2003 strategy)"))
        #expect(ni7.contains("href=\"../documents/alpha.html#rent\""))
        let outcome = try site.page("indicators/outcome-free.html")
        #expect(outcome.contains("<a href=\"ni-7.html\">NI 7: People in effective treatment</a> (2001 strategy)"))
        let psa = try site.page("indicators/psa-1.html")
        #expect(psa.contains("Includes"))
        #expect(psa.contains("<a href=\"ni-7.html\">"))
    }

    /// The lookup is a short row per indicator under the id its entry always had, so a link
    /// to `indicators/index.html#ni-7` still lands on NI 7, one link away from its page.
    @Test func theLookupKeepsEveryOldAnchorAsARowLinkingToTheIndicatorsPage() throws {
        let lookup = try builtSite().page("indicators/index.html")
        let ni7 = try row("ni-7", in: lookup)
        #expect(ni7.contains("<a href=\"ni-7.html\"><span class=\"code\">NI 7</span> People in effective treatment</a>"))
        #expect(ni7.contains("<dt>Mentioned in</dt><dd>4 sections</dd>"), "a count, not the list")
        #expect(!ni7.contains("../documents/"), "the sections are on the indicator's page")
        #expect(try row("psa-1", in: lookup).contains("<dt>Part of</dt>") == false)
        #expect(ni7.contains("<dt>Part of</dt><dd><a href=\"psa-1.html\">"))
    }

    /// With more mentions than a page holds, the indicator's page goes on at
    /// `indicators/<id>/2.html`, each page linked to the next and back.
    @Test func anIndicatorsMentionsAreSplitOverPagesOfTheSiteSize() throws {
        let body = (1...5).map { "## Part \($0)\n\nNI 7 again.\n" }.joined(separator: "\n")
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: body)])
        try site.edit("site.yml") { $0 + "page-size: 2\n" }
        try site.write("indicators.yml", "- { id: ni-7, code: NI 7, title: People in effective treatment, strategy: \"2010\", kind: national-indicator }\n")
        try site.builder().build()
        let first = try site.page("indicators/ni-7.html"), second = try site.page("indicators/ni-7/2.html"), third = try site.page("indicators/ni-7/3.html")
        #expect(!site.exists("indicators/ni-7/4.html"))
        #expect(first.contains("Mentioned in 5 sections"))
        #expect(first.occurrences(of: "<li><a href=\"../documents/one.html#part-") == 2)
        #expect(second.contains("<li><a href=\"../../documents/one.html#part-3\">Part 3</a>"))
        #expect(third.occurrences(of: "<li><a href=\"../../documents/one.html#part-") == 1)
        #expect(first.contains("<link rel=\"next\" href=\"ni-7/2.html\">"))
        #expect(second.contains("<link rel=\"prev\" href=\"../ni-7.html\">") && second.contains("<link rel=\"next\" href=\"3.html\">"))
        #expect(second.contains("<p class=\"pager-status\">Page 2 of 3</p>"))
        #expect(second.contains("<title>NI 7: People in effective treatment (page 2 of 3) – "))
        #expect(!second.contains("<dl class=\"indicator-facts\">"), "the facts are on the first page")
        let problems = PageInvariants.siteProblems(try site.pages())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func figuresWithValuesOverTimeGetAChartWithATextAlternative() throws {
        let figure = try builtSite().page("indicators/figure-users.html")
        #expect(figure.contains("<svg class=\"chart\""))
        #expect(figure.contains("<figcaption>Users in treatment, as the beta plan gives it. 2001: 100; 2002: 150.</figcaption>"))
        #expect(figure.occurrences(of: "<rect") == 2)
    }

    @Test func chartsCompareOnlyValuesInOneUnitSeriesAndDocument() {
        typealias V = (value: String, date: String, source: String, series: String)
        func charts(_ values: [V]) -> [IndicatorChart] {
            let indicator = Indicator(id: "x", code: "", title: "X", strategy: "2010", kind: .figure, parent: nil, themes: [], aliases: [],
                                      localMonitoring: "", description: "", related: [],
                                      values: values.map { .init(value: $0.value, date: $0.date, source: $0.source, note: "", series: $0.series) },
                                      location: SourceLocation(path: "i.yml"))
            return IndicatorChart.charts(for: indicator)
        }
        func chart(_ values: [String], series: String = "s") -> String? {
            charts(values.enumerated().map { ($1, "\($0)", "doc:a#b", series) }).first?.svg()
        }
        #expect(chart(["£6.5 million", "£6.5billion"]) == nil)
        #expect(chart(["£550 million", "£408m"]) != nil)
        #expect(chart(["8.8%", "11.1%"]) != nil)
        #expect(chart(["8.8%", "11.1%"], series: "") == nil)
        #expect(chart(["five", "six"]) == nil)
        #expect(chart(["306,150"]) == nil)
        // A talk's undated figure is never set against a survey year, nor one document's figure
        // against another's, even when an editor puts them in one series.
        #expect(charts([("11.1%", "1996", "doc:a#b", "s"), ("8.8%", Indicator.Value.noPeriod, "doc:a#b", "s")]).isEmpty)
        #expect(charts([("8.6%", "2009/10", "doc:a#b", "s"), ("8.8%", "2011", "doc:c#d", "s")]).isEmpty)
        // Two series are two charts.
        #expect(charts([("1%", "2001", "doc:a", "s"), ("2%", "2002", "doc:a", "s"), ("3", "2001", "doc:a", "t"), ("4", "2002", "doc:a", "t")]).count == 2)
    }

    @Test func searchMatchesCodesWithOrWithoutSpacesWordsAndThemes() throws {
        let (site, _) = try linked()
        let search = IndicatorSearch(site: site)
        #expect(search.search("NI 7").map(\.id) == ["ni-7"])
        #expect(search.search("ni7").map(\.id) == ["ni-7"])
        #expect(search.search("N.I. 7").map(\.id) == ["ni-7"])
        #expect(search.search("treatment").map(\.id) == ["psa-1", "ni-7", "outcome-free", "figure-users"])
        #expect(search.search("effective treat").map(\.id) == ["ni-7"])
        #expect(search.search("zebra").isEmpty)
    }

    @Test(arguments: [
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: psa }\n- { id: a, code: NI 2, title: B, strategy: \"2010\", kind: psa }\n",
         "2:3: error: duplicate indicator id 'a'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: psa }\n- { id: b, code: NI 1, title: B, strategy: \"2010\", kind: psa }\n",
         "2:18: error: duplicate indicator code 'NI 1'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: psa, parent: nope }\n", "1:71: error: unknown indicator 'nope' in 'parent'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: psa, related: [x] }\n", "1:73: error: unknown indicator 'x' in 'related'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: psa, themes: [housin] }\n", "1:72: error: unknown theme 'housin'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2099\", kind: psa }\n", "1:44: error: unknown strategy '2099'"),
        ("- { id: a, code: NI 1, title: A, strategy: \"2010\", kind: target }\n", "1:58: error: unknown kind 'target'"),
        ("- { id: A_1, title: A, strategy: \"2010\", kind: psa }\n", "1:9: error: indicator id 'A_1' must be lower-case"),
        ("- { id: a, strategy: \"2010\", kind: psa }\n", "1:3: error: missing required field 'title'"),
        ("- { id: a, title: A, strategy: \"2010\", kind: psa, colour: red }\n", "1:51: error: unknown field 'colour' in indicator"),
        ("- { id: a, title: A, strategy: \"2010\", kind: psa, values: [{ value: 1 }] }\n", "1:60: error: missing required field 'date'"),
        ("id: a\n", "1:1: error: expected a list of indicators"),
    ])
    func invalidIndicatorsAreErrorsAtTheirLocation(_ yaml: String, _ expected: String) throws {
        let site = try TemporarySite.minimal()
        try site.write("themes.yml", "- { id: housing, title: Housing }\n")
        try site.write("indicators.yml", yaml)
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/indicators.yml:" + expected) }, "\(messages)")
    }
}
