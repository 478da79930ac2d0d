/// Theme pages (one column per strategy) and the theme × document matrix.
extension SiteRenderer {
    /// The page of theme `id`; nil when themes.yml has no such theme (its job makes no page).
    func renderTheme(_ id: String) -> RenderedPage? {
        let path = SitePaths.theme(id)
        guard let theme = site.theme(id) else { return nil }
        let references = sections(onTheme: id)
        let columns = site.config.strategies.map { strategy in
            let inStrategy = references.filter { $0.strategy == strategy.id }
            let bySlug = Dictionary(grouping: inStrategy, by: \.slug)
            var groups: [ThemePage.Group] = []
            for document in documentList(in: strategy.id) {
                let sections = (bySlug[document.slug] ?? []).compactMap { sectionSummary($0, from: path) }
                guard !sections.isEmpty else { continue }
                groups.append(ThemePage.Group(
                    documentTitle: document.metadata.title, documentHref: link(SitePaths.document(document.slug), from: path),
                    anchor: "in-" + document.slug, sections: sections, type: document.metadata.type))
            }
            return ThemePage.Column(
                id: "strategy-" + Slugger.slug(strategy.id), title: strategy.shortTitle, ownName: theme.names[strategy.id] ?? "",
                groups: groups, count: inStrategy.count)
        }
        return page(path, template: "theme", title: theme.title, ThemePage(theme: ThemePage.Theme(
            id: theme.id, title: theme.title, summary: theme.summary, columns: columns)))
    }

    func renderThemeIndex() -> RenderedPage {
        let path = SitePaths.themes
        let documents = documentList()
        let rows = site.themes.map { theme in
            let references = sections(onTheme: theme.id)
            let counts = references.reduce(into: [String: Int]()) { $0[$1.slug, default: 0] += 1 }
            let cells = documents.map { document in
                let count = counts[document.slug] ?? 0
                return ThemesPage.Cell(
                    count: count, href: link(SitePaths.theme(theme.id) + "#in-" + document.slug, from: path),
                    label: "\(count) section\(count == 1 ? "" : "s") of \(document.metadata.title) on \(theme.title)")
            }
            return ThemesPage.Row(title: theme.title, summary: theme.summary, href: link(SitePaths.theme(theme.id), from: path),
                                  cells: cells, total: references.count)
        }
        let columns = documents.map { document in
            ThemesPage.Column(title: document.metadata.title, strategy: strategyShortTitle(document.metadata.strategy),
                              year: String(document.metadata.published.year), href: link(SitePaths.document(document.slug), from: path))
        }
        return page(path, template: "themes", title: "Themes", ThemesPage(rows: rows, columns: columns))
    }
}
