import Foundation
import StrategySite
import StrategySiteTestSupport
import Testing

/// What a publisher's reader gets to cite and check a document: the citation in its forms,
/// the page's metadata for search engines, its history and its rights.
@Suite struct CitationTests {
    static let document = """
        ---
        title: "Drugs: a {test} & 100% review"
        strategy: "2010"
        type: Report
        published: 2010-12-08
        publisher: HM Government
        author: Ann Author
        original-url: https://www.gov.uk/government/publications/drug-strategy-2010
        rights: © Crown copyright 2010
        updated:
          - { date: 2011-03-01, note: Figures for 2010/11 added. }
          - { date: 2012-01-15, note: A typo mended. }
        summary: A test document.
        ---

        ## Heading

        Text.

        """

    static func site(baseURL: String?) throws -> TemporarySite {
        let site = try TemporarySite.minimal(documents: ["one": document])
        try site.write("site.yml", "title: Test site\ncontact: team@example.org\nstrategies:\n  \"2010\": { title: Test strategy }\n")
        var options = site.options()
        options.baseURL = baseURL
        _ = try SitePipeline(options: options).build()
        return site
    }

    @Test func aCitationNamesTheSiteTheDayItWasReadTheOriginalAndTheRights() throws {
        let site = try Self.site(baseURL: "https://example.org/ds")
        let page = try site.page("documents/one.html")
        let accessed = PublicationDate.buildDay().description
        #expect(page.contains("Ann Author, “Drugs: a {test} &amp; 100% review”, HM Government, 8 December 2010. In: Test site. "
            + "Available at: https://example.org/ds/documents/one.html (accessed \(accessed)). "
            + "Original publication: https://www.gov.uk/government/publications/drug-strategy-2010. © Crown copyright 2010.</p>"))
        #expect(page.contains("<dt>Original publication</dt><dd><a href=\"https://www.gov.uk/government/publications/drug-strategy-2010\">"))
        #expect(page.contains("<dt>Rights</dt><dd>© Crown copyright 2010</dd>"))
        #expect(page.contains("<a href=\"one.bib\" download>BibTeX</a> · <a href=\"one.ris\" download>RIS</a>"))

        let bibtex = try site.page("documents/one.bib")
        #expect(bibtex.hasPrefix("@techreport{one,\n"))
        #expect(bibtex.contains("  title       = {Drugs: a \\{test\\} \\& 100\\% review},\n"))
        #expect(bibtex.contains("  author      = {Ann Author},\n"))
        #expect(bibtex.contains("  month       = dec,\n"))
        #expect(bibtex.contains("  url         = {https://example.org/ds/documents/one.html},\n"))
        #expect(bibtex.contains("  urldate     = {\(PublicationDate.buildDay().iso)},\n"))
        let ris = try site.page("documents/one.ris")
        #expect(ris.hasPrefix("TY  - RPRT\r\nAU  - Ann Author\r\nTI  - Drugs: a {test} & 100% review\r\nPB  - HM Government\r\nPY  - 2010\r\nDA  - 2010/12/08/\r\n"))
        #expect(ris.contains("L2  - https://www.gov.uk/government/publications/drug-strategy-2010\r\n"))
        #expect(ris.hasSuffix("ER  - \r\n"))
    }

    @Test func withABaseURLEveryPageNamesItsCanonicalAddressAndDocumentsCarrySchemaOrgData() throws {
        let site = try Self.site(baseURL: "https://example.org/ds/")
        let page = try site.page("documents/one.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/ds/documents/one.html\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<meta property=\"og:description\" content=\"A test document.\">"))
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        #expect(json?["@type"] as? String == "Report")
        #expect(json?["datePublished"] as? String == "2010-12-08")
        #expect(json?["dateModified"] as? String == "2012-01-15")
        #expect(json?["isBasedOn"] as? String == "https://www.gov.uk/government/publications/drug-strategy-2010")
        #expect(try site.page("themes/index.html").contains("<link rel=\"canonical\" href=\"https://example.org/ds/themes/index.html\">"))
        // The not-found page is served at any address, so it names none as its own.
        #expect(try !site.page("404.html").contains("rel=\"canonical\""))
    }

    @Test func withoutABaseURLNoPageClaimsAnAddress() throws {
        let site = try Self.site(baseURL: nil)
        for (path, html) in try site.pages() {
            #expect(!html.contains("rel=\"canonical\"") && !html.contains("og:url"), "\(path)")
        }
        let page = try site.page("documents/one.html")
        // The page's script puts the address it is read at in place of the path.
        #expect(page.contains("id=\"citation-text\" data-url=\"documents/one.html\" data-relative>"))
    }

    @Test func theHistoryAndTheFeedChangeOnlyWithARecordedUpdate() throws {
        let site = try Self.site(baseURL: "https://example.org/ds/")
        let page = try site.page("documents/one.html")
        #expect(page.contains("<dt>Last updated</dt><dd><time datetime=\"2012-01-15\">15 January 2012</time>"))
        let history = try #require(page.range(of: "<h2 id=\"history-heading\">Page history</h2>"))
        let listed = page[history.upperBound...]
        let newest = try #require(listed.range(of: "A typo mended."))
        let older = try #require(listed.range(of: "Figures for 2010/11 added."))
        #expect(newest.lowerBound < older.lowerBound)
        let feed = try site.page("feed.xml")
        #expect(feed.contains("<updated>2012-01-15T00:00:00Z</updated>\n    <published>2010-12-08T00:00:00Z</published>"))
        #expect(try site.page("sitemap.xml").contains("<loc>https://example.org/ds/documents/one.html</loc><lastmod>2012-01-15</lastmod>"))
    }

    @Test func theAccessedDayIsTheBuildsInUTCOrSourceDateEpochs() {
        func day(_ epoch: String) -> String { PublicationDate.buildDay(environment: ["SOURCE_DATE_EPOCH": epoch]).iso }
        #expect(day("0") == "1970-01-01")
        #expect(day("951782400") == "2000-02-29")
        #expect(day("1765000000") == "2025-12-06")
        #expect(day("1767225599") == "2025-12-31")
        #expect(day("-86400") == "1969-12-31")
    }

    @Test func theAccessibilityStatementGivesTheContact() throws {
        let site = try Self.site(baseURL: nil)
        #expect(try site.page("accessibility.html").contains("publishes this site at <a href=\"mailto:team@example.org\">team@example.org</a>."))
    }
}
