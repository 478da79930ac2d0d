import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Lists that grow with the library are split over pages of `page-size`, at stable addresses
/// (`themes/housing/2.html`), each page linked to the ones either side; a list that fits one
/// page stays one page.
@Suite("Paging: every page stays small as the library grows")
struct PagingTests {
    /// A generated library of `count` documents over two strategies, one a year from 2001, each
    /// with two sections on the theme `housing` and one mention of NI 7.
    static func library(_ count: Int, pageSize: Int) throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("site.yml", """
            title: Library
            page-size: \(pageSize)
            strategies:
              "2001": { title: First strategy, short-title: 2001 strategy }
              "2002": { title: Second strategy, short-title: 2002 strategy }

            """)
        try site.write("themes.yml", "- { id: housing, title: Housing, summary: Homes. }\n- { id: supply, title: Supply, summary: Stopping supply. }\n")
        try site.write("indicators.yml", "- { id: ni-7, code: NI 7, title: People in treatment, strategy: \"2001\", kind: national-indicator }\n")
        for index in 1...count {
            let strategy = index <= count / 2 ? "2001" : "2002"
            try site.write("documents/doc-\(index).md", """
                ---
                title: Document \(index)
                strategy: "\(strategy)"
                published: \(2000 + index)-01
                publisher: Press
                summary: Number \(index).
                ---

                ## Homes \(index)
                <!-- themes: housing -->

                Homes for people, counted by NI 7.

                ## Rents \(index)
                <!-- themes: housing -->

                Rents for people.

                """)
        }
        try site.builder().build()
        return site
    }

    static let large = Result { try library(12, pageSize: 5) }

    @Test func aThemesSectionsAreSplitOverPagesAndEachIsShownOnce() throws {
        let site = try Self.large.get()
        // 24 sections on housing, 5 a page.
        let pages = try (1...5).map { try site.page($0 == 1 ? "themes/housing.html" : "themes/housing/\($0).html") }
        let columns = pages.map { $0.components(separatedBy: "<div class=\"columns\">").last ?? "" }
        #expect(!site.exists("themes/housing/6.html"))
        for index in 1...12 {
            let shown = columns.map { $0.occurrences(of: "documents/doc-\(index).html#homes-\(index)\"") }.reduce(0, +)
            #expect(shown == 1, "doc-\(index)'s section is on one page")
        }
        #expect(pages[0].contains("Side by side"), "the comparison is on the first page")
        #expect(!pages[1].contains("Side by side"))
        #expect(pages[2].contains("<p class=\"pager-status\">Page 3 of 5</p>"))
        #expect(pages[2].contains("<link rel=\"prev\" href=\"2.html\">") && pages[2].contains("<link rel=\"next\" href=\"4.html\">"))
        #expect(pages[2].contains("<a rel=\"prev\" href=\"2.html\">"))
        #expect(!pages[4].contains("rel=\"next\""))
        // The first page says where the second strategy's sections start (page 3: section 13 of 24).
        #expect(pages[0].contains("Its sections on this theme are on <a href=\"housing/3.html#strategy-2002\">page 3</a>."))
    }

    @Test func theThemeTableIsSplitByDocumentsAndEachNumberLinksToItsPage() throws {
        let site = try Self.large.get()
        let first = try site.page("themes/index.html"), third = try site.page("themes/index/3.html")
        #expect(!site.exists("themes/index/4.html"))
        #expect(first.occurrences(of: "<th scope=\"col\"><a href=\"../documents/doc-") == 5)
        #expect(third.occurrences(of: "<th scope=\"col\"><a href=\"../../documents/doc-") == 2)
        #expect(first.contains("What each strategy aims at") && !third.contains("What each strategy aims at"))
        // doc-12's sections on housing are 23 and 24 of 24: page 5 of the theme.
        #expect(third.contains("href=\"../housing/5.html#in-doc-12\""))
    }

    @Test func aStrategysDocumentsAreSplitAndTheHomePageShowsItsShare() throws {
        let site = try Self.large.get()
        let strategy = try site.page("strategies/2001.html"), second = try site.page("strategies/2001/2.html")
        #expect(!site.exists("strategies/2001/3.html"))
        #expect(strategy.occurrences(of: "class=\"document-link\"") == 5 && second.occurrences(of: "class=\"document-link\"") == 1)
        let home = try site.page("index.html")
        // A page of five over two strategies: three each, at least.
        #expect(home.occurrences(of: "class=\"document-link\"") == 6)
        #expect(home.contains("<a href=\"strategies/2001.html\">All 6 documents of the 2001 strategy</a>"))
    }

    @Test func everyLinkOfAPagedSiteLandsOnAPageAndAnId() throws {
        let site = try Self.large.get()
        let problems = PageInvariants.siteProblems(try site.pages())
        #expect(problems.isEmpty, "\(problems.prefix(8))")
    }

    @Test func aListThatFitsOnePageStaysOnePage() throws {
        let site = try Self.library(4, pageSize: 50)
        let pages = try site.pages()
        // Page n of a list is list/n.html beside list.html.
        let paged = pages.keys.filter { path in
            let folder = (path as NSString).deletingLastPathComponent
            return !folder.isEmpty && pages[folder + ".html"] != nil
        }
        #expect(paged.isEmpty, "\(paged)")
        #expect(!(try site.page("themes/housing.html")).contains("class=\"pager\""))
        #expect(!(try site.page("themes/housing.html")).contains("rel=\"next\""))
    }

    @Test func pastFortyDocumentsTheTimelineCountsThemPerYear() throws {
        let site = try Self.library(41, pageSize: 50)
        let home = try site.page("index.html")
        #expect(home.contains("<li><time datetime=\"2001\">2001</time>: 1 document</li>"))
        #expect(home.occurrences(of: "<rect class=\"bar\"") == 41)
        #expect(!home.contains("<circle class=\"point"))
        let few = try Self.library(4, pageSize: 50).page("index.html")
        #expect(few.occurrences(of: "<circle class=\"point") == 4 && !few.contains("<rect class=\"bar\""))
    }

    @Test func pagerAddressesAndTheShortListOfPages() {
        let pager = Pager(path: "themes/a.html", count: 101, size: 10)
        #expect(pager.pageCount == 11)
        #expect(pager.path(ofPage: 1) == "themes/a.html" && pager.path(ofPage: 11) == "themes/a/11.html")
        #expect(pager.range(ofPage: 11) == 100..<101)
        #expect(pager.page(of: 0) == 1 && pager.page(of: 9) == 1 && pager.page(of: 10) == 2 && pager.page(of: 100) == 11)
        let middle = pager.navigation(onPage: 6, label: "A")
        #expect(middle.pages.map { $0.isGap ? 0 : $0.number } == [1, 0, 4, 5, 6, 7, 8, 0, 11])
        #expect(middle.pages.first { $0.number == 1 }?.href == "../a.html" && middle.pages.first { $0.number == 7 }?.href == "7.html")
        let first = pager.navigation(onPage: 1, label: "A")
        #expect(first.previousHref.isEmpty && first.nextHref == "a/2.html")
        #expect(Pager(path: "x.html", count: 0, size: 10).pageCount == 1, "an empty list is one page")
    }

    @Test func aPageSizeThatIsNoWholeNumberIsALocatedError() throws {
        let site = try TemporarySite.minimal()
        try site.edit("site.yml") { $0 + "page-size: lots\n" }
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/site.yml:4:12: error: 'page-size' must be a whole number from 1 to 10000, got 'lots'") }, "\(messages)")
    }
}
