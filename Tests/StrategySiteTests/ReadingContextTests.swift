import Foundation
import Testing
@testable import StrategySite

/// Timeline, historical context, breadcrumbs and strategy pages on the real content.
@Suite("Reading context")
struct ReadingContextTests {
    static var output: String { RealContentTests.built.output }

    static func page(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    /// Documents in site order: strategy order from site.yml, then publication date. The 2010
    /// summary slides were written in 2011 (see ``ProvenanceTests``), after the Horizon
    /// Scanning Report of December 2010.
    static let order = ["2008-guide-for-local-partnerships", "2010-horizon-scanning-report", "2010-drug-strategy",
                        "2011-home-office-progress-view", "2017-drug-strategy-briefing"]

    @Test func timelineHasOnePointPerDocumentLinkingToIt() throws {
        let home = try Self.page("index.html")
        let svg = String(home[try #require(home.range(of: "<svg class=\"timeline\"")).lowerBound...])
        let drawing = String(svg[..<(try #require(svg.range(of: "</svg>"))).upperBound])
        #expect(drawing.occurrences(of: "<circle") == Self.order.count)
        let links = Self.order.map { "<a href=\"documents/\($0).html\" tabindex=\"-1\">" }
        let positions = links.map { drawing.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // The text equivalent lists the same documents in the same order, with dates.
        let list = String(home[try #require(home.range(of: "<ol class=\"timeline-list\">")).lowerBound...])
        let listPositions = Self.order.map { list.range(of: "href=\"documents/\($0).html\"")?.lowerBound }
        #expect(listPositions.compactMap { $0 } == listPositions.compactMap { $0 }.sorted() && !listPositions.contains(nil))
        #expect(list.contains("<time datetime=\"2011\">2011</time>"))
        #expect(list.contains("<time datetime=\"2010-12\">December 2010</time>"))
    }

    @Test func bannerNamesTheGovernmentAndTheLaterStrategyFromSiteData() throws {
        let guide = try Self.page("documents/2008-guide-for-local-partnerships.html")
        #expect(guide.contains("This was published under the 1997 to 2010 Labour government."))
        #expect(guide.contains("It has been superseded by <a href=\"../strategies/2010.html\">Drug Strategy 2010"))
        let view = try Self.page("documents/2011-home-office-progress-view.html")
        #expect(view.contains("This was published under the 2010 to 2015 Conservative and Liberal Democrat coalition government."))
        #expect(view.contains("superseded by <a href=\"../strategies/2017.html\">Drug Strategy 2017</a>"))
        let briefing = try Self.page("documents/2017-drug-strategy-briefing.html")
        #expect(!briefing.contains("superseded by"))
    }

    @Test func governmentNamesComeFromSiteYML() throws {
        let site = try TemporarySite(copying: "themes-site")
        var yaml = try String(contentsOfFile: site.content + "/site.yml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "first fixture government", with: "renamed administration")
        try site.write("site.yml", yaml)
        try site.builder().build()
        #expect(try site.page("documents/alpha.html").contains("published under the renamed administration."))
    }

    @Test(arguments: order.indices)
    func breadcrumbsAndPreviousNextFollowStrategyOrder(_ index: Int) throws {
        let slug = Self.order[index]
        let page = try Self.page("documents/\(slug).html")
        let strategy = String(slug.prefix(4) == "2011" ? "2010" : slug.prefix(4))
        #expect(page.contains("<li><a href=\"../index.html\">Home</a></li>\n<li><a href=\"../strategies/\(strategy).html\">\(strategy) strategy</a></li>\n<li><span aria-current=\"page\">"))
        if index > 0 {
            #expect(page.contains("<a href=\"\(Self.order[index - 1]).html\" rel=\"prev\">"))
        } else {
            #expect(!page.contains("rel=\"prev\""))
        }
        if index + 1 < Self.order.count {
            #expect(page.contains("<a href=\"\(Self.order[index + 1]).html\" rel=\"next\">"))
        } else {
            #expect(!page.contains("rel=\"next\""))
        }
    }

    @Test(arguments: [("2008", ["2008-guide-for-local-partnerships"]),
                      ("2010", ["2010-horizon-scanning-report", "2010-drug-strategy", "2011-home-office-progress-view"]),
                      ("2017", ["2017-drug-strategy-briefing"])])
    func strategyPagesListExactlyTheirDocuments(_ strategy: String, _ documents: [String]) throws {
        let page = try Self.page("strategies/\(strategy).html")
        let list = String(page[try #require(page.range(of: "<h2>Documents</h2>")).upperBound...])
        let section = String(list[..<(list.range(of: "</ul>")?.lowerBound ?? list.endIndex)])
        let regex = try NSRegularExpression(pattern: #"href="\.\./documents/([a-z0-9-]+)\.html""#)
        let found = regex.matches(in: section, range: NSRange(section.startIndex..., in: section)).compactMap { Range($0.range(at: 1), in: section).map { String(section[$0]) } }
        #expect(found == documents)
        #expect(page.contains("Same theme in:"))
    }
}
