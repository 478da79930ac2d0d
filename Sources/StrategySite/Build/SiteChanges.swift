/// Which page inputs (``PageInput``) differ between two linked sites, given the documents that
/// were edited, added or removed; everything else is the same by construction.
///
/// Each input is compared as the pages read it, so an edit that leaves, say, the sections on a
/// theme as they were changes nothing for the pages that list them.
enum SiteChanges {
    static func inputs(from old: LinkedSite, to new: LinkedSite, documents: Set<String>) -> Set<PageInput> {
        var changed: Set<PageInput> = []
        var themes: Set<String> = []
        var indicators: Set<String> = []
        for slug in documents {
            let before = old.document(slug)
            let after = new.document(slug)
            changed.insert(.document(slug))
            if before?.metadata != after?.metadata { changed.insert(.details(slug)) }
            if before?.card != after?.card { changed.insert(.card(slug)) }
            if before?.opening != after?.opening || before?.sections.map(\.text) != after?.sections.map(\.text) {
                changed.insert(.text(slug))
            }
            for document in [before, after].compactMap({ $0 }) {
                themes.formUnion(document.sections.flatMap(\.themes))
                indicators.formUnion(document.mentions.map(\.indicator))
            }
        }

        // The order changes only if a document came, went, or changed what it is sorted by.
        let reordered = documents.contains { slug in
            guard let before = old.document(slug)?.metadata, let after = new.document(slug)?.metadata else { return true }
            return before.strategy != after.strategy || before.published != after.published || before.title != after.title
        }
        let oldOrder = reordered ? old.documents.map(\.slug) : []
        let newOrder = reordered ? new.documents.map(\.slug) : []
        if oldOrder != newOrder {
            changed.insert(.order)
            // A document's neighbours changed if they are not the ones it had; a document that
            // moved changes the lists of every theme and indicator its sections are on.
            for (index, slug) in newOrder.enumerated() {
                let oldIndex = old.position(of: slug)
                let now = (index > 0 ? newOrder[index - 1] : nil, index + 1 < newOrder.count ? newOrder[index + 1] : nil)
                let before = oldIndex.map { ($0 > 0 ? oldOrder[$0 - 1] : nil, $0 + 1 < oldOrder.count ? oldOrder[$0 + 1] : nil) }
                if before == nil || before! != now { changed.insert(.neighbours(slug)) }
            }
        }
        // Compared whole, so a change of order within a list counts too.
        for theme in themes where old.sectionsByTheme[theme] != new.sectionsByTheme[theme] {
            changed.insert(.theme(theme))
            let before = old.sectionsByThemeAndStrategy[theme] ?? [:]
            let after = new.sectionsByThemeAndStrategy[theme] ?? [:]
            for strategy in Set(before.keys).union(after.keys) where before[strategy] != after[strategy] {
                changed.insert(.themeInStrategy(theme: theme, strategy: strategy))
            }
        }
        for indicator in indicators where old.mentionsByIndicator[indicator] != new.mentionsByIndicator[indicator] {
            changed.insert(.mentions(indicator))
        }
        for place in Set(old.figuresBySection.keys).union(new.figuresBySection.keys)
        where old.figuresBySection[place] != new.figuresBySection[place] {
            changed.insert(.figures(place.slug))
        }
        return changed
    }
}
