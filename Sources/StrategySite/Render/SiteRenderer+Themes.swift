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
                let sections = (bySlug[document.slug] ?? []).compactMap { themeEntry($0, on: theme, from: path) }
                guard !sections.isEmpty else { continue }
                groups.append(ThemePage.Group(
                    documentTitle: document.metadata.title, documentHref: link(SitePaths.document(document.slug), from: path),
                    anchor: "in-" + document.slug, sections: sections, type: document.metadata.type))
            }
            return ThemePage.Column(
                id: "strategy-" + Slugger.slug(strategy.id), title: strategy.shortTitle, ownName: theme.names[strategy.id] ?? "",
                groups: groups, count: inStrategy.count, notes: themeNotes(theme, in: strategy.id, from: path))
        }
        var model = ThemePage.Theme(id: theme.id, title: theme.title, summary: theme.summary, columns: columns)
        (model.aligned, model.alignedTotal) = alignedRows(theme, references, from: path)
        if !model.aligned.isEmpty { model.alignedStrategies = site.config.strategies.map { ThemePage.StrategyName(title: $0.shortTitle) } }
        return page(path, template: .theme, title: theme.title, ThemePage(theme: model))
    }

    /// An editor's notes on the theme in one strategy, each with a link to the place that
    /// says so (its section's title, or the document's when the place is the whole document).
    func themeNotes(_ theme: Theme, in strategy: String, from path: String) -> [ThemePage.Note] {
        theme.notes.filter { $0.strategy == strategy }.map { note in
            var entry = ThemePage.Note(text: note.text)
            if case .document(let slug, let anchor) = SiteReference(note.source), let document = card(slug) {
                let section = anchor.flatMap { document.section($0) }
                entry.placeTitle = section?.title ?? document.metadata.title
                entry.documentTitle = section == nil ? "" : document.metadata.title
                entry.placeHref = link(SiteReference.document(slug: slug, anchor: anchor).sitePath, from: path)
            }
            return entry
        }
    }

    /// How many rows the side-by-side comparison on a theme page shows.
    static let alignedRowLimit = 12

    /// The theme's sections in the latest strategy that has any, each beside its best
    /// counterpart on the same theme in every other strategy: a row per section, a cell per
    /// strategy in site order. Rows with the most counterparts come first, then by document.
    func alignedRows(_ theme: Theme, _ references: [SectionReference], from path: String) -> ([ThemePage.AlignedRow], Int) {
        let strategies = site.config.strategies
        guard let anchor = strategies.last(where: { strategy in references.contains { $0.strategy == strategy.id } }) else { return ([], 0) }
        let own = references.filter { $0.strategy == anchor.id }
        let onTheme = Set(references)
        var candidates: [(reference: SectionReference, cells: [String: Counterpart], order: Int)] = []
        for (order, reference) in own.enumerated() {
            let ranked = counterparts(of: reference)
            var cells: [String: Counterpart] = [:]
            for strategy in strategies where strategy.id != anchor.id {
                cells[strategy.id] = ranked.byStrategy[strategy.id]?.first { onTheme.contains($0.section) }
            }
            candidates.append((reference, cells, order))
        }
        let chosen = candidates.sorted { $0.cells.count != $1.cells.count ? $0.cells.count > $1.cells.count : $0.order < $1.order }
            .prefix(Self.alignedRowLimit)
        let rows = chosen.map { row in
            ThemePage.AlignedRow(cells: strategies.map { strategy in
                if strategy.id == anchor.id { return ThemePage.AlignedCell(entry: themeEntry(row.reference, on: theme, from: path)) }
                guard let counterpart = row.cells[strategy.id], var entry = themeEntry(counterpart.section, on: theme, from: path) else {
                    return ThemePage.AlignedCell(entry: nil)
                }
                let shared = counterpart.sharedThemes.filter { $0 != theme.id }.compactMap { site.theme($0)?.title.lowercased() }
                entry.why = shared.isEmpty ? "" : "Also both on " + Self.list(shared)
                return ThemePage.AlignedCell(entry: entry)
            })
        }
        return (rows, own.count)
    }

    /// A section on a theme page: its title and links, and as its excerpt the passage most
    /// about the theme, matched words marked.
    func themeEntry(_ reference: SectionReference, on theme: Theme, from path: String) -> SectionSummary? {
        guard var summary = sectionSummary(reference, from: path) else { return nil }
        if let passage = passage(of: reference, on: theme) { summary.excerptHTML = passage }
        return summary
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
        // Each strategy's ambitions and own themes, in its own words, side by side.
        let strategies = site.config.strategies.map { strategy in
            ThemesPage.Aims(title: strategy.shortTitle, href: link(SitePaths.strategy(strategy.id), from: path),
                            ambitions: strategy.ambitions, ownThemes: strategy.ownThemes)
        }
        return page(path, template: .themes, title: "Themes", ThemesPage(rows: rows, columns: columns, strategies: strategies))
    }
}
