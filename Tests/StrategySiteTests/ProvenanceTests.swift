import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Every figure traceable to its sentence, and only what the sources support: indicator values
/// are checked against the place they name, the lookup links to that place and back, and the
/// corrected metadata of the real content is pinned to the source sentences that support it.
@Suite("Provenance of figures and metadata")
struct ProvenanceTests {
    // MARK: The real content

    static var output: String { RealContentTests.built.output }

    static let linked: LinkedSite? = {
        let options = SitePipeline.Options(contentDirectory: Repository.path("Content"), templatesDirectory: Repository.templates,
                                          outputDirectory: "/nonexistent")
        return SitePipeline(options: options).link().site
    }()

    static func markdown(_ slug: String) throws -> String {
        try String(contentsOfFile: Repository.path("Content/documents/\(slug).md"), encoding: .utf8)
    }

    static func page(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    /// The text of the section with this anchor in the real document, as the checker reads it.
    static func section(_ slug: String, _ anchor: String) throws -> Section {
        let site = try #require(linked)
        return try #require(site.document(slug)?.section(anchor), "\(slug)#\(anchor)")
    }

    static func indicator(_ id: String) throws -> Indicator {
        try #require(linked?.indicator(id), "\(id)")
    }

    @Test func summarySlidesAreDatedByWhatTheyReport() throws {
        let slides = try Self.markdown("2010-drug-strategy")
        // Their own text reports 2011 and looks ahead to 2012: they were not written at the launch.
        for sentence in ["In April 2011, the Home Office extended the authorisation for drug testing on arrest",
                         "Review and refresh of the FRANK website (launch 17th October)",
                         "The development of the Home Office Choices Programme (£4m funding in 2011-12)",
                         "The first elections for PCCs will be held in November 2012.",
                         "it will exist in shadow form from April 2012"] {
            #expect(slides.contains(sentence), "\(sentence)")
        }
        let metadata = try #require(Self.linked?.document("2010-drug-strategy")?.metadata)
        #expect(metadata.published == PublicationDate(year: 2011))
        // Order, prev/next and banner follow: the Horizon report (December 2010) comes first.
        let order = try #require(Self.linked).documents(in: "2010").map(\.slug)
        #expect(order == ["2010-horizon-scanning-report", "2010-drug-strategy", "2011-home-office-progress-view"])
        let page = try Self.page("documents/2010-drug-strategy.html")
        #expect(page.contains("<time datetime=\"2011\">2011</time>"))
        #expect(page.contains("published under the 2010 to 2015 Conservative and Liberal Democrat coalition government"))
        #expect(page.contains("<a href=\"2010-horizon-scanning-report.html\" rel=\"prev\">"))
    }

    @Test func homeOfficeViewNamesNoPublisher() throws {
        let text = try Self.markdown("2011-home-office-progress-view")
        // A write-up of a seminar talk: the source says who spoke and where, not who published it.
        #expect(text.contains("Gus Jaspert gave this information in a December 2011 Westminster Forum seminar."))
        #expect(!text.lowercased().contains("published by"))
        let metadata = try #require(Self.linked?.document("2011-home-office-progress-view")?.metadata)
        #expect(metadata.publisher.isEmpty)
        #expect(metadata.author == "Gus Jaspert")
        #expect(try Self.page("documents/2011-home-office-progress-view.html").contains("<dt>Publisher</dt><dd>Not stated in the source</dd>"))
    }

    @Test func horizonScanningReportNamesNoPublisher() throws {
        let text = try Self.markdown("2010-horizon-scanning-report")
        // Cambridgeshire appears once, as the existing local strategy the report compares with.
        #expect(text.components(separatedBy: "Cambridgeshire").count - 1 == 2) // front-matter summary and §1.4
        #expect(text.contains("compliments the existing ‘Cambridgeshire Drugs Strategy’ 3-year plan"))
        let metadata = try #require(Self.linked?.document("2010-horizon-scanning-report")?.metadata)
        #expect(metadata.publisher.isEmpty)
        #expect(try Self.page("documents/2010-horizon-scanning-report.html").contains("<dt>Publisher</dt><dd>Not stated in the source</dd>"))
    }

    @Test func sacIsNotSpelledOut() throws {
        let section = try Self.section("2010-horizon-scanning-report", "4-where-are-we-now")
        #expect(section.text.contains("Heroin/Crack users are responsible for between a third and a half of all ‘SAC’."))
        for slug in RealContentTests.documents { #expect(!(try Self.markdown(slug)).contains("acquisitive crime (")) }
        let figure = try Self.indicator("figure-heroin-crack-acquisitive-crime")
        #expect(figure.title == "Share of all ‘SAC’ for which heroin/crack users are responsible")
        #expect(!figure.title.lowercased().contains("serious acquisitive"))
        #expect(figure.values.first?.editorial == "The report does not spell out ‘SAC’.")
    }

    @Test func fortyOneIsWrittenAsTheTalkSaysIt() throws {
        let section = try Self.section("2011-home-office-progress-view", "restricting-supply")
        #expect(section.text.contains("About 41 were identified last year"))
        let figure = try Self.indicator("figure-nps-identified")
        let value = try #require(figure.values.first)
        #expect(value.value == "About 41")
        #expect(value.date == "last year") // the period as the talk gives it
        // The talk does not say the Forensic Early Warning System identified them.
        #expect(!figure.title.contains("Forensic Early Warning"))
        #expect(value.editorial.contains("does not say which system identified them"))
    }

    @Test func ntaMonitoringIsTiedOnlyToWhatTheGuideSays() throws {
        let psa25 = try Self.section("2008-guide-for-local-partnerships", "psa-25-reduce-the-harm-caused-by-alcohol-and-drugs")
        #expect(psa25.text.contains("In return for the Pooled Treatment Budget you’re signed up to being monitored by the NTA on this one"))
        let psa14 = try Self.section("2008-guide-for-local-partnerships", "psa-14-increase-the-number-of-young-people-on-the-path-to-success")
        #expect(!psa14.text.contains("NTA"))
        #expect(!(try Self.indicator("psa-14")).description.contains("NTA"))
        #expect((try Self.indicator("psa-25-effective-treatment")).description.contains("monitored by the NTA"))
    }

    @Test func positiveFuturesHasNoPeriod() throws {
        let section = try Self.section("2010-drug-strategy", "reducing-demand-implementation")
        #expect(section.text.contains("Home Office funding of £10m for the Positive Futures programme"))
        let value = try #require((try Self.indicator("figure-positive-futures")).values.first)
        #expect(value.date == Indicator.Value.noPeriod)
        let article = try lookupArticle("figure-positive-futures")
        #expect(article.contains("<strong>£10m</strong> (no period given in the source)"))
    }

    @Test func talkFigureIsNotChartedAgainstASurveyYear() throws {
        let talk = try Self.section("2011-home-office-progress-view", "reducing-demand")
        #expect(talk.text.contains("Overall use is down from 11.1% in 1996 to 8.8% now"))
        let report = try Self.section("2010-horizon-scanning-report", "4-where-are-we-now")
        #expect(report.text.contains("In 2009/10 8.6% of adults took illicit drugs."))
        let figure = try Self.indicator("figure-drug-use-prevalence")
        let byValue = Dictionary(figure.values.map { ($0.value, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byValue["8.8%"]?.date == Indicator.Value.noPeriod)
        #expect(byValue["8.8%"]?.source == "doc:2011-home-office-progress-view#reducing-demand")
        #expect(byValue["8.6%"]?.date == "2009/10")
        #expect(byValue["11.1%"]?.date == "1996")
        #expect(IndicatorChart.charts(for: figure).isEmpty)
        #expect(!(try lookupArticle("figure-drug-use-prevalence")).contains("<svg"))
        // The one chart on the site compares one series from one sentence.
        let budget = try Self.indicator("figure-treatment-budget")
        #expect(try Self.section("2017-drug-strategy-briefing", "overview").text
            .contains("the budget for adult drug misuse treatment services in England fell from £550 million in 2015/16 to £408m in 2016/17"))
        #expect(IndicatorChart.charts(for: budget).count == 1)
    }

    @Test func guideIndicatorTableIsOneTable() throws {
        let text = try Self.markdown("2008-guide-for-local-partnerships")
        #expect(text.components(separatedBy: "| Indicator | Ideas for DAT Monitoring |").count - 1 == 1)
        let page = try Self.page("documents/2008-guide-for-local-partnerships.html")
        #expect(page.occurrences(of: "<table>") == 1)
        let table = String(page[try #require(page.range(of: "<table>")).lowerBound...])
        let body = String(table[..<(try #require(table.range(of: "</table>"))).upperBound])
        #expect(body.occurrences(of: "<tr>") == 19) // the header and the 18 national indicators
    }

    @Test(arguments: [
        ("2010-horizon-scanning-report", "2-introduction", "nps", "promised to introduce temporary bans"),
        ("2010-horizon-scanning-report", "4-where-are-we-now", "enforcement", "the price per Kg up to £50,000"),
        ("2008-guide-for-local-partnerships", "adapting-building-chivvyng", "reintegration", "NI 152 Working age people on out of work benefits"),
        ("2017-drug-strategy-briefing", "accountability-and-governance", "outcomes", "To oversee the delivery of the drug strategy"),
        ("2010-drug-strategy", "restricting-supply", "nps", "Introducing technology at the borders to identify these new types of drugs."),
    ])
    func sectionsAreTaggedWithWhatTheyDiscuss(_ slug: String, _ anchor: String, _ theme: String, _ sentence: String) throws {
        let section = try Self.section(slug, anchor)
        #expect(section.text.contains(sentence))
        #expect(section.themes.contains(theme))
        if anchor == "accountability-and-governance" { #expect(!section.themes.contains("communities")) }
    }

    @Test func readmeDocumentsEveryFieldEditorsCanWrite() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        for field in DocumentMetadata.fields + Indicator.fields + Indicator.Value.fields {
            #expect(readme.contains("| `\(field)` |"), "README does not document '\(field)'")
        }
        #expect(readme.contains("| `publisher` | no |"))
        #expect(readme.contains("| `source` | yes | Where it is written: `doc:<slug>#<anchor>`"))
    }

    // MARK: The lookup and the places it links to

    /// The entry of one indicator, on its own page.
    func lookupArticle(_ id: String) throws -> String { try Self.page("indicators/\(id).html") }

    static func unescape(_ html: String) -> String {
        [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&#34;", "\""), ("&amp;", "&")]
            .reduce(html) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    @Test func everyValueOnTheLookupLinksToASectionThatContainsIt() throws {
        let site = try #require(Self.linked)
        let page = try site.indicators.map { try Self.page("indicators/\($0.id).html") }.joined()
        let lists = page.components(separatedBy: "<ul class=\"figures\">").dropFirst().map { String($0[..<($0.range(of: "</ul>")?.lowerBound ?? $0.endIndex)]) }
        let items = lists.flatMap { $0.components(separatedBy: "<li>").dropFirst() }
        #expect(items.count == site.indicators.reduce(0) { $0 + $1.values.count })
        #expect(items.count > 60)
        let pattern = try NSRegularExpression(pattern: #"^<strong>(.*?)</strong>.*?<a class="figure-place" href="\.\./documents/([a-z0-9-]+)\.html(?:#([a-z0-9-]+))?">"#)
        for item in items {
            let match = try #require(pattern.firstMatch(in: item, range: NSRange(item.startIndex..., in: item)), "no link to a place: \(item)")
            let value = Self.unescape(String(item[try #require(Range(match.range(at: 1), in: item))]))
            let slug = String(item[try #require(Range(match.range(at: 2), in: item))])
            let anchor = Range(match.range(at: 3), in: item).map { String(item[$0]) } ?? ""
            let document = try #require(site.document(slug))
            let text = try #require(ValueProvenance.text(of: anchor, in: document), "\(slug)#\(anchor)")
            #expect(ValueProvenance.occurs(value, in: text), "'\(value)' is not in \(slug)#\(anchor)")
            #expect(!anchor.isEmpty, "every real value names its section")
        }
    }

    @Test func sectionsLinkBackToTheirFiguresOnTheLookup() throws {
        let page = try Self.page("documents/2017-drug-strategy-briefing.html")
        let overview = String(page[try #require(page.range(of: "<h2 id=\"overview\">")).lowerBound...].prefix(3000))
        #expect(overview.contains("<summary>Figures from this text in the indicator lookup (3)</summary>"))
        #expect(overview.contains("<a href=\"../indicators/figure-treatment-budget.html\">£550 million</a>"))
        #expect(overview.contains("<a href=\"../indicators/figure-treatment-budget.html\">£408m</a>"))
        // Every place a value names shows that value's back-link.
        let site = try #require(Self.linked)
        for indicator in site.indicators {
            for value in indicator.values {
                let place = try #require(value.place)
                let html = try Self.page("documents/\(place.slug).html")
                let heading = try #require(html.range(of: " id=\"\(place.anchor)\">"), "\(place.slug)#\(place.anchor)")
                let after = html[heading.upperBound...]
                let next = after.range(of: "<h", options: [], range: after.index(after: after.startIndex)..<after.endIndex)
                let block = after[..<(next?.lowerBound ?? after.endIndex)]
                #expect(block.contains("href=\"../indicators/\(indicator.id).html\">\(HTML.escape(value.value))</a>"), "\(indicator.id) in \(place.slug)#\(place.anchor)")
            }
        }
    }

    @Test func noPageShowsAnExtractionFileName() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.output).filter { $0.hasSuffix(".html") || $0.hasSuffix(".js") || $0.hasSuffix(".xml") }
        #expect(files.count > 10)
        let extraction = try NSRegularExpression(pattern: #"[0-9a-z_-]+\.txt\b"#)
        for file in files {
            let text = try String(contentsOfFile: Self.output + "/" + file, encoding: .utf8)
            let found = extraction.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .compactMap { Range($0.range, in: text).map { String(text[$0]) } }.filter { $0 != "robots.txt" }
            #expect(found.isEmpty, "\(file) shows \(found)")
        }
    }

    @Test func documentPagesOfferACitation() throws {
        let guide = try Self.page("documents/2008-guide-for-local-partnerships.html")
        #expect(guide.contains("<h2 id=\"cite-this-heading\">Cite this</h2>"))
        let accessed = PublicationDate.buildDay().description
        #expect(guide.contains("<p class=\"citation\" id=\"citation-text\" data-url=\"documents/2008-guide-for-local-partnerships.html\" data-relative>Sara McGrail, “The National Drug Strategy: a guide for local partnerships – interim update 2008”, London Drug Policy Forum and the RSA, 2008. In: UK Drug Strategies 2008–2017. Available at: documents/2008-guide-for-local-partnerships.html (accessed \(accessed)).</p>"))
        #expect(guide.contains("<button type=\"button\" class=\"copy-button\" data-copy=\"citation-text\" hidden>Copy citation</button>"))
        #expect(guide.contains("assets/cite.js"))
        let view = try Self.page("documents/2011-home-office-progress-view.html")
        #expect(view.contains("Gus Jaspert, “Drug strategy progress, and moving forward – the Home Office view”, publisher not stated, December 2011."))
        #expect(FileManager.default.fileExists(atPath: Self.output + "/assets/cite.js"))
    }

    // MARK: Fixtures

    /// A site with one document whose sections hold known figures, and `values` for one indicator.
    static func site(values: String, baseURL: String? = nil) throws -> TemporarySite {
        let body = "Opening words: 12 in all.\n\n## Counts\n\nAbout 41 were found, 8.8% in 2011 and 18% later.\n\n### Detail\n\nSome 7 more.\n"
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: body)])
        try site.write("indicators.yml", "- id: figure-x\n  title: X\n  strategy: \"2010\"\n  kind: figure\n  values:\n" + values)
        return site
    }

    static func problems(_ site: TemporarySite) -> [String] {
        site.builder().link().diagnostics.map { diagnostic in
            diagnostic.description.replacingOccurrences(of: site.content + "/", with: "")
        }
    }

    @Test func valuesWhereTheySayAreAccepted() throws {
        let site = try Self.site(values: """
            - { value: "About 41", date: none, source: "doc:one#counts", note: "were found" }
            - { value: "8.8%", date: "2011", source: "doc:one#counts" }
            - { value: "7", date: none, source: "doc:one#detail" }
            - { value: "12", date: none, source: "doc:one" }

        """)
        #expect(Self.problems(site).isEmpty, "\(Self.problems(site))")
        let (linked, _) = site.builder().link()
        let reference = SectionReference(slug: "one", anchor: "counts", strategy: "2010")
        #expect(linked?.figuresBySection[reference]?.map(\.value) == [0, 1])
    }

    @Test(arguments: [
        // Case matters: the source says "About 41".
        (#"    - { value: "about 41", date: none, source: "doc:one#counts" }"#,
         "indicators.yml:6:16: error: value 'about 41' is not written in section '#counts' of document 'one'",
         "the source writes it 'About 41': copy it exactly as written"),
        // A figure stands whole: "8%" is not in "18%".
        (#"    - { value: "8%", date: none, source: "doc:one#counts" }"#,
         "indicators.yml:6:16: error: value '8%' is not written in section '#counts' of document 'one'",
         "a value must be copied as written"),
        // A section's own text only: "7" is in its subsection.
        (#"    - { value: "7", date: none, source: "doc:one#counts" }"#,
         "indicators.yml:6:16: error: value '7' is not written in section '#counts' of document 'one'",
         "it is written in 'doc:one#detail'"),
        (#"    - { value: "18%", date: none, source: "doc:one#counts", note: "earlier" }"#,
         "indicators.yml:6:67: error: note 'earlier' is not written in section '#counts' of document 'one'", ""),
        // The period is the one the source gives, not the document's date.
        (#"    - { value: "18%", date: "2010", source: "doc:one#counts" }"#,
         "indicators.yml:6:29: error: date '2010' is not written in section '#counts' of document 'one'", "or date: none if it gives none"),
        (#"    - { value: "18%", date: none, source: "doc:one#count" }"#,
         "indicators.yml:6:43: error: unknown anchor '#count' in document 'one'", "did you mean 'doc:one#counts'?"),
        (#"    - { value: "18%", date: none, source: "doc:two#counts" }"#,
         "indicators.yml:6:43: error: unknown document 'two' in source doc:two#counts", ""),
        (#"    - { value: "18%", date: none, source: notes.txt }"#,
         "indicators.yml:6:43: error: unknown source 'notes.txt' for value '18%'", "doc:<document slug>#<section anchor>"),
    ])
    func checkRefusesAValueThatIsNotWhereItSays(_ line: String, _ expected: String, _ hint: String) throws {
        let site = try Self.site(values: line + "\n")
        let problems = Self.problems(site)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
        #expect(hint.isEmpty || problems.first?.contains(hint) == true, "\(problems)")
        // `check` and `build` refuse it; the previous output stays as it was.
        #expect(throws: BuildFailure.self) { _ = try site.builder().build() }
    }

    @Test func anExtractionFileNameStillBuildsButIsAWarningNamingThePlace() throws {
        let body = "## Counts\n\nAbout 41 were found.\n"
        let site = try TemporarySite.minimal(documents: ["one": "---\ntitle: One\nstrategy: \"2010\"\npublished: 2010\nsummary: S.\nsource: one.txt\n---\n\n" + body])
        try site.write("indicators.yml", "- id: figure-x\n  title: X\n  strategy: \"2010\"\n  kind: figure\n  values:\n    - { value: \"About 41\", date: none, source: one.txt }\n    - { value: \"41\", date: none }\n")
        #expect(Self.problems(site).sorted() == [
            "indicators.yml:6:48: warning: source 'one.txt' names a file, not a place, so value 'About 41' cannot be checked\n  hint: write source: doc:one#counts",
            "indicators.yml:7:16: warning: value '41' does not say where it is written\n  hint: add source: doc:<document slug>#<section anchor>",
        ])
        _ = try site.builder().build()
        #expect(try site.page("indicators/figure-x.html").contains("Written in <a class=\"figure-place\" href=\"../documents/one.html\">One</a>"))
    }

    @Test func chartsOnlyDrawOneSeriesFromOneDocument() throws {
        let site = try Self.site(values: """
            - { value: "8.8%", date: "2011", source: "doc:one#counts", series: a }
            - { value: "18%", date: none, source: "doc:one#counts", series: a }

        """)
        let problems = Self.problems(site)
        #expect(problems == ["indicators.yml:6:16: warning: series 'a' of indicator 'figure-x' is not drawn: not every value has a period\n  hint: a series is values of one measure, written in one document, each with its period"])
    }

    @Test func citationUsesTheBaseURLWhenThereIsOne() throws {
        let site = try Self.site(values: "")
        var options = site.options()
        options.baseURL = "https://example.org/strategies/"
        _ = try SitePipeline(options: options).build()
        let page = try site.page("documents/one.html")
        let accessed = PublicationDate.buildDay().description
        #expect(page.contains("“One”, Test, 8 December 2010. In: Test. Available at: https://example.org/strategies/documents/one.html (accessed \(accessed)).</p>"))
        // Without a publisher the citation and the metadata say so, and never show a source file.
        let bare = try TemporarySite.minimal(documents: ["one": "---\ntitle: One\nstrategy: \"2010\"\npublished: 2010\nsummary: S.\nsource: one.txt\n---\n\nText.\n"])
        _ = try bare.builder().build()
        let other = try bare.page("documents/one.html")
        #expect(other.contains("“One”, publisher not stated, 2010. In: Test. Available at: documents/one.html (accessed"))
        #expect(other.contains("<dt>Publisher</dt><dd>Not stated in the source</dd>"))
        #expect(!other.contains("one.txt"))
    }
}
