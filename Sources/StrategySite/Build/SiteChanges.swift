/// Which page inputs (``PageInput``) an update of the link stage changed: the edited documents'
/// own inputs, compared as the pages read them (an edit that leaves a document's title as it
/// was changes nothing for the pages that list it), and the lists the update says it changed.
enum SiteChanges {
    static func inputs(_ changes: LinkChanges, documents: Set<String>, in site: LinkedSite) -> Set<PageInput> {
        var changed: Set<PageInput> = []
        for slug in documents {
            let before = changes.before[slug]
            let after = site.document(slug)
            changed.insert(.document(slug))
            if before?.metadata != after?.metadata { changed.insert(.details(slug)) }
            // A document that moves to another strategy changes which documents each
            // strategy has, which lists by strategy read as the order (`documentList(in:)`).
            if before?.metadata.strategy != after?.metadata.strategy { changed.insert(.order) }
            if before?.card != after?.card { changed.insert(.card(slug)) }
            if before?.opening != after?.opening || before?.sections.map(\.text) != after?.sections.map(\.text) {
                changed.insert(.text(slug))
                // The passages theme pages show: only where the passage on a theme is another.
                for theme in site.themes {
                    let passage = ThemePassage(theme)
                    func passages(_ document: ParsedDocument?) -> [String: String] {
                        Dictionary((document?.sections ?? []).filter { $0.themes.contains(theme.id) }.map { ($0.anchor, passage.html($0.text)) },
                                   uniquingKeysWith: { a, _ in a })
                    }
                    if passages(before) != passages(after) { changed.insert(.passages(slug: slug, theme: theme.id)) }
                }
            }
        }
        if changes.reordered { changed.insert(.order) }
        changed.formUnion(changes.neighbours.map { .neighbours($0) })
        changed.formUnion(changes.themes.map { .theme($0) })
        changed.formUnion(changes.themesInStrategies.map { .themeInStrategy(theme: $0.theme, strategy: $0.strategy) })
        // Where a strategy's sections on a theme start, on the theme's pages: moved only if a
        // strategy before it has more or fewer sections by a page's worth.
        for (theme, deltas) in changes.themeCounts where deltas.values.contains(where: { $0 != 0 }) {
            let after = (site.sectionsByThemeAndStrategy[theme] ?? [:]).mapValues(\.count)
            let before = after.merging(deltas.mapValues { -$0 }, uniquingKeysWith: +)
            for strategy in site.config.strategies.map(\.id) {
                let order = site.config.strategies.map(\.id), size = site.config.pageSize
                if SiteRenderer.columnStart(of: strategy, counts: before, order: order, size: size)
                    != SiteRenderer.columnStart(of: strategy, counts: after, order: order, size: size) {
                    changed.insert(.themeStart(theme: theme, strategy: strategy))
                }
            }
        }
        changed.formUnion(changes.indicators.map { .mentions($0) })
        changed.formUnion(changes.figures.map { .figures($0) })
        changed.formUnion(changes.counterparts.map { .counterparts($0) })
        return changed
    }
}
