import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Timeline, historical context, breadcrumbs and strategy pages on the real content (and on
/// it with one more document): what each page must say is read from the content.
@Suite("Reading context")
struct ReadingContextTests {
    @Test(arguments: BuiltContent.Variant.allCases)
    func timelineHasOnePointPerDocumentLinkingToIt(_ variant: BuiltContent.Variant) throws {
        let content = variant.built
        let order = content.order
        #expect(order.count == content.slugs.count)
        let home = try content.page("index.html")
        let svg = String(home[try #require(home.range(of: "<svg class=\"timeline\"")).lowerBound...])
        let drawing = String(svg[..<(try #require(svg.range(of: "</svg>"))).upperBound])
        #expect(drawing.occurrences(of: "<circle") == order.count)
        let positions = order.map { drawing.range(of: "<a href=\"documents/\($0.slug).html\" tabindex=\"-1\">")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // The text equivalent lists the same documents in the same order, with dates.
        let list = String(home[try #require(home.range(of: "<ol class=\"timeline-list\">")).lowerBound...])
        let listPositions = order.map { list.range(of: "href=\"documents/\($0.slug).html\"")?.lowerBound }
        #expect(listPositions.compactMap { $0 } == listPositions.compactMap { $0 }.sorted() && !listPositions.contains(nil))
        for document in order {
            let date = document.metadata.published
            #expect(list.contains("<time datetime=\"\(date.iso)\">\(date.description)</time>"), "\(document.slug)")
        }
    }

    /// The banner names the government of the document's date (unless it is the latest) and
    /// the strategy after the document's in site.yml, if any.
    @Test(arguments: BuiltContent.documentPages)
    func bannerNamesTheGovernmentAndTheLaterStrategyFromSiteData(_ document: BuiltContent.DocumentPage) throws {
        let source = try #require(document.content.source)
        let meta = try #require(source.documents.first { $0.slug == document.slug }).metadata
        let page = try document.content.page("documents/\(document.slug).html")
        let government = source.config.government(on: meta.published)
        let latest = source.config.governments.max { $0.from < $1.from }
        if let government, government != latest {
            #expect(page.contains("This was published under the \(HTML.escape(government.name))."))
        } else {
            #expect(!page.contains("This was published under"))
        }
        let strategies = source.config.strategies
        let position = try #require(strategies.firstIndex { $0.id == meta.strategy })
        if position + 1 < strategies.count {
            let later = strategies[position + 1]
            #expect(page.contains("superseded by <a href=\"../strategies/\(later.id).html\">\(HTML.escape(later.title))</a>"))
        } else {
            #expect(!page.contains("superseded by"))
        }
    }

    @Test func governmentNamesComeFromSiteYML() throws {
        let site = try TemporarySite(copying: "themes-site")
        var yaml = try String(contentsOfFile: site.content + "/site.yml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "first fixture government", with: "renamed administration")
        try site.write("site.yml", yaml)
        try site.builder().build()
        #expect(try site.page("documents/alpha.html").contains("published under the renamed administration."))
    }

    @Test(arguments: BuiltContent.documentPages)
    func breadcrumbsAndPreviousNextFollowStrategyOrder(_ document: BuiltContent.DocumentPage) throws {
        let order = document.content.order
        let index = try #require(order.firstIndex { $0.slug == document.slug })
        let page = try document.content.page("documents/\(document.slug).html")
        let strategy = try #require(document.content.source?.config.strategy(order[index].metadata.strategy))
        #expect(page.contains("<li><a href=\"../index.html\">Home</a></li>\n<li><a href=\"../strategies/\(strategy.id).html\">\(HTML.escape(strategy.shortTitle))</a></li>\n<li><span aria-current=\"page\">"))
        if index > 0 {
            #expect(page.contains("<a href=\"\(order[index - 1].slug).html\" rel=\"prev\">"))
        } else {
            #expect(!page.contains("rel=\"prev\""))
        }
        if index + 1 < order.count {
            #expect(page.contains("<a href=\"\(order[index + 1].slug).html\" rel=\"next\">"))
        } else {
            #expect(!page.contains("rel=\"next\""))
        }
    }

    @Test(arguments: BuiltContent.Variant.allCases)
    func strategyPagesListExactlyTheirDocuments(_ variant: BuiltContent.Variant) throws {
        let content = variant.built
        let source = try #require(content.source)
        for strategy in source.config.strategies {
            let page = try content.page("strategies/\(strategy.id).html")
            let documents = content.order.filter { $0.metadata.strategy == strategy.id }.map(\.slug)
            guard !documents.isEmpty else { continue }
            let list = String(page[try #require(page.range(of: "<h2>Documents</h2>")).upperBound...])
            let section = String(list[..<(list.range(of: "</ul>")?.lowerBound ?? list.endIndex)])
            let regex = try NSRegularExpression(pattern: #"href="\.\./documents/([a-z0-9-]+)\.html""#)
            let found = regex.matches(in: section, range: NSRange(section.startIndex..., in: section)).compactMap { Range($0.range(at: 1), in: section).map { String(section[$0]) } }
            #expect(found == documents, "strategy \(strategy.id)")
            #expect(page.contains("Same theme in:"))
        }
    }
}
