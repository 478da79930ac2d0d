import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Building whole sites")
struct SiteBuildTests {
    @Test func fixtureSiteBuildsEveryPageWithTheSharedStructure() throws {
        let site = try TemporarySite(copying: "themes-site")
        let summary = try site.builder().build()
        // 3 documents, 3 themes, 3 strategies and their print pages, 4 indicators, home, themes
        // index, lookup, search, accessibility, 404
        #expect(summary.pages == 22)
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.output).filter { $0.hasSuffix(".html") }.sorted()
        #expect(files == [
            "404.html", "accessibility.html", "documents/alpha.html", "documents/beta.html", "documents/gamma.html", "index.html",
            "indicators/figure-users.html", "indicators/index.html", "indicators/ni-7.html", "indicators/outcome-free.html",
            "indicators/psa-1.html", "search.html", "strategies/2001.html", "strategies/2002.html", "strategies/2003.html",
            "strategies/print/2001.html", "strategies/print/2002.html", "strategies/print/2003.html", "themes/housing.html", "themes/index.html", "themes/supply.html", "themes/treatment.html",
        ])
        var titles = Set<String>()
        for file in files {
            let html = try site.page(file)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "\(file)")
            #expect(html.occurrences(of: "<h1") == 1, "\(file)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "\(file)")
            #expect(html.contains("<main id=\"main\""), "\(file)")
            #expect(html.contains("<header class=\"site-header\">") && html.contains("<footer"), "\(file)")
            #expect(!html.contains("href=\"/") && !html.contains("src=\"/"), "absolute link in \(file)")
            #expect(!html.contains("__strategy-site"), "preview script in \(file)")
            let title = try #require(html.range(of: "<title>").flatMap { start in html.range(of: "</title>").map { String(html[start.upperBound..<$0.lowerBound]) } })
            #expect(titles.insert(title).inserted, "duplicate title \(title)")
            let ids = html.ids
            #expect(Set(ids).count == ids.count, "duplicate id in \(file)")
        }
    }

    @Test func homePageListsStrategiesAndDocumentsInOrder() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let page = try site.page("index.html")
        let home = String(page[try #require(page.range(of: "<h2>The strategies</h2>")).upperBound...])
        let order = ["First strategy", "documents/alpha.html", "Second strategy", "documents/beta.html", "documents/gamma.html", "Third strategy", "No documents for this strategy yet."]
        let positions = order.map { home.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(order.filter { home.range(of: $0) == nil })")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(home.contains("The first document."))
    }

    @Test func documentPageHasMetadataContentsNotesAndNeighbours() throws {
        let site = try TemporarySite(copying: "themes-site")
        try site.builder().build()
        let alpha = try site.page("documents/alpha.html")
        #expect(alpha.contains("<dd><time datetime=\"2001-03\">March 2001</time></dd>"))
        #expect(alpha.contains("<dd>Fixture Press</dd>"))
        #expect(alpha.contains("This was published under the first fixture government."))
        #expect(alpha.contains("superseded by <a href=\"../strategies/2002.html\">Second strategy</a>"))
        #expect(alpha.contains("<li><a href=\"#housing-first\">Housing first</a>\n<ol>\n<li><a href=\"#rent\">Rent</a></li>"))
        #expect(alpha.contains("<sup class=\"note-ref\"><a id=\"fnref:1\" href=\"#fn:1\" aria-label=\"Note 1\">1</a></sup>"))
        #expect(alpha.contains("<li id=\"fn:1\">\n<p>A note with <a href=\"https://example.org/note\" class=\"url\">https://example.org/note</a>. <a class=\"note-back\" href=\"#fnref:1\""))
        #expect(alpha.contains("<a href=\"beta.html\" rel=\"next\">"))
        #expect(!alpha.contains("rel=\"prev\""))
        let beta = try site.page("documents/beta.html")
        #expect(beta.contains("<a href=\"alpha.html\" rel=\"prev\">"))
        #expect(beta.contains("<a href=\"gamma.html\" rel=\"next\">"))
    }

    @Test func buildIsDeterministic() throws {
        let site = try TemporarySite(copying: "themes-site")
        let first = site.builder().buildAll().update.pages.sorted { $0.path < $1.path }
        let second = site.builder().buildAll().update.pages.sorted { $0.path < $1.path }
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func baseURLAddsSitemapRobotsAndFeed() throws {
        let site = try TemporarySite(copying: "themes-site")
        var options = site.options()
        options.baseURL = "https://example.org/strategies/"
        try SitePipeline(options: options).build()
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/strategies/documents/alpha.html</loc>"))
        #expect(try site.page("robots.txt").contains("Sitemap: https://example.org/strategies/sitemap.xml"))
        let feed = try site.page("feed.xml")
        #expect(feed.occurrences(of: "<entry>") == 3)
        #expect(feed.contains("<link href=\"https://example.org/strategies/documents/beta.html\"/>"))
    }
}
