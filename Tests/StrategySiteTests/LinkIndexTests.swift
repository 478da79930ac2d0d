import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// LinkIndex updated document by document must be the index a full link makes of the same
/// documents: the order, the sections per theme, the mentions, the figures, and every problem
/// (links to a document that went, or to an anchor it no longer has, included).
@Suite("Link index: updated by difference, equal to a full link")
struct LinkIndexTests {
    struct Library {
        var data: SiteSource
        var originals: [String: ParsedDocument]
        /// Each document retitled (so it moves), with a themed section that mentions an indicator
        /// and links to a heading of the next document (by name).
        var edited: [String: ParsedDocument]
        /// Each document with its headings renamed (its anchors change) and a broken link.
        var broken: [String: ParsedDocument]
    }

    static func library() throws -> Library {
        var found: [Diagnostic] = []
        let source = try #require(ContentLoader(contentDirectory: Repository.path("Content")).load(&found))
        let parser = DocumentParser(options: .init(indicators: IndicatorMatcher(indicators: source.indicators)))
        let theme = try #require(source.themes.last?.id)
        let code = try #require(source.indicators.first { !$0.code.isEmpty }?.code)
        var originals: [String: ParsedDocument] = [:], edited: [String: ParsedDocument] = [:], broken: [String: ParsedDocument] = [:]
        var ignored: [Diagnostic] = []
        for document in source.documents { originals[document.slug] = parser.parse(document, &ignored) }
        let slugs = originals.keys.sorted()
        for (position, document) in source.documents.sorted(by: { $0.slug < $1.slug }).enumerated() {
            let next = try #require(originals[slugs[(position + 1) % slugs.count]])
            let anchor = try #require(next.sections.first?.anchor)
            var retitled = document
            retitled.metadata.title = "A " + document.metadata.title
            retitled.body += "\n\n## Added section\n<!-- themes: \(theme) -->\n\nThis part counts \(code) again, "
                + "as [the next document says](doc:\(next.slug)#\(anchor)).\n"
            edited[document.slug] = parser.parse(retitled, &ignored)
            var renamed = document
            renamed.body = renamed.body.replacingOccurrences(of: "\n## ", with: "\n## Renamed ") + "\n\nSee [nothing](doc:no-such-document).\n"
            broken[document.slug] = parser.parse(renamed, &ignored)
        }
        var data = source
        data.documents = []
        return Library(data: data, originals: originals, edited: edited, broken: broken)
    }

    func expectEqual(_ index: LinkIndex, _ full: LinkIndex, step: Int) {
        #expect(index.site.documents.map(\.slug) == full.site.documents.map(\.slug), "order, step \(step)")
        #expect(index.site.sectionsByTheme == full.site.sectionsByTheme, "sections per theme, step \(step)")
        #expect(index.site.sectionsByThemeAndStrategy == full.site.sectionsByThemeAndStrategy, "step \(step)")
        #expect(index.site.mentionsByIndicator == full.site.mentionsByIndicator, "mentions, step \(step)")
        #expect(index.site.figuresBySection == full.site.figuresBySection, "figures, step \(step)")
        for document in full.site.documents {
            #expect(index.site.position(of: document.slug) == full.site.position(of: document.slug))
        }
        #expect(index.diagnostics.map(\.description).sorted() == full.diagnostics.map(\.description).sorted(), "problems, step \(step)")
    }

    /// Every list that differs after an update is one the update says changed.
    func expectReported(_ changes: LinkChanges, from old: LinkedSite, to new: LinkedSite, step: Int) {
        for theme in Set(old.sectionsByTheme.keys).union(new.sectionsByTheme.keys) where old.sectionsByTheme[theme] != new.sectionsByTheme[theme] {
            #expect(changes.themes.contains(theme), "theme \(theme), step \(step)")
            let before = old.sectionsByThemeAndStrategy[theme] ?? [:], after = new.sectionsByThemeAndStrategy[theme] ?? [:]
            for strategy in Set(before.keys).union(after.keys) where before[strategy] != after[strategy] {
                #expect(changes.themesInStrategies.contains(.init(theme: theme, strategy: strategy)), "\(theme) in \(strategy), step \(step)")
            }
        }
        for indicator in Set(old.mentionsByIndicator.keys).union(new.mentionsByIndicator.keys)
        where old.mentionsByIndicator[indicator] != new.mentionsByIndicator[indicator] {
            #expect(changes.indicators.contains(indicator), "mentions of \(indicator), step \(step)")
        }
        for place in Set(old.figuresBySection.keys).union(new.figuresBySection.keys) where old.figuresBySection[place] != new.figuresBySection[place] {
            #expect(changes.figures.contains(place.slug), "figures in \(place.slug), step \(step)")
        }
        if old.documents.map(\.slug) != new.documents.map(\.slug) { #expect(changes.reordered, "the order changed, step \(step)") }
        func neighbours(_ site: LinkedSite, _ slug: String) -> [String?]? {
            site.position(of: slug).map { [$0 > 0 ? site.documents[$0 - 1].slug : nil, $0 + 1 < site.documents.count ? site.documents[$0 + 1].slug : nil] }
        }
        for document in new.documents where neighbours(old, document.slug) != neighbours(new, document.slug) {
            #expect(changes.neighbours.contains(document.slug), "neighbours of \(document.slug), step \(step)")
        }
    }

    @Test func aLibraryWithNoDocumentsStillHasItsValuesPlacesChecked() throws {
        let library = try Self.library()
        var index = LinkIndex(data: library.data)
        index.add([])
        #expect(index.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("unknown document") })
    }

    // Seed 12 removes every document on the way.
    @Test(arguments: [7, 8, 9, 12] as [UInt64])
    func randomUpdatesMatchAFullLink(seed: UInt64) throws {
        let library = try Self.library()
        var random = SeededGenerator(seed: seed)
        var current = library.originals
        var index = LinkIndex(data: library.data)
        index.add(Array(current.values))
        let slugs = library.originals.keys.sorted()
        var sawProblems = false
        for step in 1...40 {
            // One to three documents at once: removed, put back, edited, broken or restored.
            var changes: [String: ParsedDocument?] = [:]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let slug = slugs.randomElement(using: &random)!
                let versions: [ParsedDocument?] = [nil, library.originals[slug], library.edited[slug], library.broken[slug]]
                changes[slug] = versions.randomElement(using: &random)!
            }
            for (slug, document) in changes { current[slug] = document }
            let old = index.site
            let reported = index.update(changes)
            expectReported(reported, from: old, to: index.site, step: step)
            var full = LinkIndex(data: library.data)
            full.add(Array(current.values))
            expectEqual(index, full, step: step)
            sawProblems = sawProblems || full.diagnostics.hasErrors
        }
        #expect(sawProblems, "the sequence broke some links, so their checks were compared too")
    }
}
