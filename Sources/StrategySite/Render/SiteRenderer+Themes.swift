/// Theme pages (one column per strategy) and the theme × document matrix.
extension SiteRenderer {
    /// The pages of theme `id`: its sections in strategy and document order, a page of them at
    /// a time, each page a column per strategy; the side-by-side table and the editor's notes on
    /// the first. None when themes.yml has no such theme (its job makes no page).
    func renderTheme(_ id: String) -> [RenderedPage] {
        guard let theme = site.theme(id) else { return [] }
        let references = sections(onTheme: id)
        let pager = themePager(id, count: references.count)
        let totals = Dictionary(grouping: references, by: \.strategy).mapValues(\.count)
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            let shown = references[pager.range(ofPage: number)]
            let first = number == 1
            let columns = site.config.strategies.compactMap { strategy -> ThemePage.Column? in
                let inStrategy = shown.filter { $0.strategy == strategy.id }
                // Past the first page, a strategy shows only where its sections are.
                guard first || !inStrategy.isEmpty else { return nil }
                var column = ThemePage.Column(
                    id: "strategy-" + Slugger.slug(strategy.id), title: strategy.shortTitle, ownName: theme.names[strategy.id] ?? "",
                    groups: themeGroups(inStrategy, on: theme, from: path), count: totals[strategy.id] ?? 0,
                    notes: first ? themeNotes(theme, in: strategy.id, from: path) : [])
                // On the first page, a strategy whose sections all come later says where they start.
                if inStrategy.isEmpty && column.count > 0 {
                    column.continuedHref = link(themeHref(id, strategy: strategy.id), from: path)
                    column.continuedPage = columnStart(onTheme: id, of: strategy.id)
                }
                return column
            }
            let navigation = pager.navigation(onPage: number, label: "Sections on \(theme.title)")
            var model = ThemePage.Theme(id: theme.id, title: theme.title, summary: theme.summary, columns: columns)
            if first {
                (model.aligned, model.alignedTotal) = alignedRows(theme, references, from: path)
                if !model.aligned.isEmpty { model.alignedStrategies = site.config.strategies.map { ThemePage.StrategyName(title: $0.shortTitle) } }
            }
            return page(path, template: .theme, title: theme.title, ThemePage(theme: model, pager: navigation, themesHref: link(SitePaths.themes, from: path)), pagination: navigation)
        }
    }

    /// Sections of one strategy on a theme, grouped by document in the order given.
    func themeGroups(_ references: some Collection<SectionReference>, on theme: Theme, from path: String) -> [ThemePage.Group] {
        let bySlug = Dictionary(grouping: references, by: \.slug)
        var seen = Set<String>()
        return references.compactMap { reference in
            guard seen.insert(reference.slug).inserted, let document = card(reference.slug) else { return nil }
            let sections = (bySlug[reference.slug] ?? []).compactMap { themeEntry($0, on: theme, from: path) }
            guard !sections.isEmpty else { return nil }
            return ThemePage.Group(
                documentTitle: document.metadata.title, documentHref: link(SitePaths.document(document.slug), from: path),
                anchor: "in-" + document.slug, sections: sections, type: document.metadata.type)
        }
    }

    func themePager(_ id: String, count: Int) -> Pager { Pager(path: SitePaths.theme(id), count: count, size: site.config.pageSize) }

    /// Where a strategy's sections on theme `id` start: the page, and its column on it.
    func themeHref(_ id: String, strategy: String) -> String {
        themePager(id, count: 0).path(ofPage: columnStart(onTheme: id, of: strategy)) + "#strategy-" + Slugger.slug(strategy)
    }

    /// The page where `strategy`'s sections start, given how many each strategy has: the
    /// theme page lays them out in site order (`order`), `size` to a page.
    static func columnStart(of strategy: String, counts: [String: Int], order: [String], size: Int) -> Int {
        let before = order.prefix { $0 != strategy }.reduce(0) { $0 + (counts[$1] ?? 0) }
        let total = order.reduce(0) { $0 + (counts[$1] ?? 0) }
        return Pager(path: "", count: total, size: size).page(of: before)
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

    /// The theme × document table, a page of documents (its columns) at a time, every theme
    /// a row; the strategies' aims and the list of themes on the first page.
    func renderThemeIndex() -> [RenderedPage] {
        let documents = documentList()
        let pager = Pager(path: SitePaths.themes, count: documents.count, size: site.config.pageSize)
        let references = site.themes.map { sections(onTheme: $0.id) }
        // Where each document's sections on each theme are: the page of its first one.
        let places = zip(site.themes, references).map { theme, references in
            let pager = themePager(theme.id, count: references.count)
            var first: [String: String] = [:]
            for (offset, reference) in references.enumerated() where first[reference.slug] == nil { first[reference.slug] = pager.path(of: offset) }
            return first
        }
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            let shown = documents[pager.range(ofPage: number)]
            let rows = zip(site.themes, zip(references, places)).map { theme, found in
                let (references, places) = found
                let counts = references.reduce(into: [String: Int]()) { $0[$1.slug, default: 0] += 1 }
                let cells = shown.map { document in
                    let count = counts[document.slug] ?? 0
                    return ThemesPage.Cell(
                        count: count, href: link((places[document.slug] ?? SitePaths.theme(theme.id)) + "#in-" + document.slug, from: path),
                        label: "\(count) section\(count == 1 ? "" : "s") of \(document.metadata.title) on \(theme.title)")
                }
                return ThemesPage.Row(title: theme.title, summary: theme.summary, href: link(SitePaths.theme(theme.id), from: path),
                                      cells: cells, total: references.count)
            }
            let columns = shown.map { document in
                ThemesPage.Column(title: document.metadata.title, strategy: strategyShortTitle(document.metadata.strategy),
                                  year: String(document.metadata.published.year), href: link(SitePaths.document(document.slug), from: path))
            }
            // Each strategy's ambitions and own themes, in its own words, side by side.
            let strategies = number > 1 ? [] : site.config.strategies.map { strategy in
                ThemesPage.Aims(title: strategy.shortTitle, href: link(SitePaths.strategy(strategy.id), from: path),
                                ambitions: strategy.ambitions, ownThemes: strategy.ownThemes)
            }
            let navigation = pager.navigation(onPage: number, label: "Documents in the table")
            return page(path, template: .themes, title: "Themes",
                        ThemesPage(rows: rows, columns: columns, strategies: strategies, pager: navigation), pagination: navigation)
        }
    }
}
