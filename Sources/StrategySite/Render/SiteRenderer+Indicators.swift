import Foundation

/// The indicator lookup (a short row per indicator) and each indicator's own page, with lineage
/// both ways and back-links to the sections that mention it.
extension SiteRenderer {
    func renderIndicators() -> RenderedPage {
        let path = SitePaths.indicators
        let groups = site.config.strategies.map { strategy in
            let kinds = Indicator.Kind.allCases.compactMap { kind -> IndicatorsPage.Kind? in
                let entries = site.indicators.filter { $0.strategy == strategy.id && $0.kind == kind }
                guard !entries.isEmpty else { return nil }
                return IndicatorsPage.Kind(title: kind.title, entries: entries.map { indicatorRow($0, from: path) })
            }
            return IndicatorsPage.Group(id: "strategy-" + Slugger.slug(strategy.id), title: strategy.title, shortTitle: strategy.shortTitle,
                                        strategy: strategy.id, kinds: kinds)
        }
        let strategies = site.config.strategies.map { IndicatorsPage.StrategyOption(id: $0.id, title: $0.shortTitle) }
        return page(path, template: .indicators, title: "Indicator lookup",
                    IndicatorsPage(groups: groups, strategies: strategies, total: site.indicators.count),
                    scripts: [SitePaths.indicatorData, "assets/indicators.js"])
    }

    func indicatorRow(_ indicator: Indicator, from path: String) -> IndicatorsPage.Row {
        IndicatorsPage.Row(
            id: indicator.id, code: indicator.code, title: indicator.title, strategy: indicator.strategy,
            strategyTitle: strategyShortTitle(indicator.strategy), href: link(SitePaths.indicator(indicator.id), from: path),
            parent: indicator.parent.flatMap { indicatorReference($0, from: path) },
            themes: indicator.themes.compactMap { id in site.theme(id).map { TitledLink(title: $0.title, href: link(SitePaths.theme(id), from: path)) } },
            latestValue: indicator.values.last.map { $0.hasPeriod ? "\($0.value) (\($0.date))" : $0.value } ?? "",
            mentionCount: mentions(of: indicator.id).count, searchText: IndicatorSearch(site: site).searchText(for: indicator))
    }

    /// The pages of indicator `id`: its facts on the first, the sections that mention it split
    /// over as many as they need. None when indicators.yml has no such indicator.
    func renderIndicator(_ id: String) -> [RenderedPage] {
        guard let indicator = site.indicator(id) else { return [] }
        let mentioned = mentions(of: id)
        let pager = Pager(path: SitePaths.indicator(id), count: mentioned.count, size: site.config.pageSize)
        let relatedBy = reverseRelations()
        let title = indicator.code.isEmpty ? indicator.title : "\(indicator.code): \(indicator.title)"
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            let navigation = pager.navigation(onPage: number, label: "Sections that mention \(indicator.code.isEmpty ? indicator.title : indicator.code)")
            let entry = indicatorEntry(indicator, relatedBy: relatedBy, shown: Array(mentioned[pager.range(ofPage: number)]), total: mentioned.count, from: path)
            return page(path, template: .indicator, title: title,
                        IndicatorPage(entry: entry, pager: navigation, lookupHref: link(SitePaths.indicators + "#" + id, from: path)),
                        pagination: navigation)
        }
    }

    func indicatorReference(_ id: String, from path: String) -> IndicatorsPage.Reference? {
        guard let other = site.indicator(id) else { return nil }
        return IndicatorsPage.Reference(code: other.code, title: other.title, href: link(SitePaths.indicator(id), from: path),
                                        strategy: strategyShortTitle(other.strategy))
    }

    /// For each indicator, the indicators whose `related` names it (lineage read backwards).
    func reverseRelations() -> [String: [String]] {
        var result: [String: [String]] = [:]
        for indicator in site.indicators {
            for related in indicator.related { result[related, default: []].append(indicator.id) }
        }
        return result
    }

    func indicatorEntry(_ indicator: Indicator, relatedBy: [String: [String]], shown: [SectionReference], total: Int, from path: String) -> IndicatorsPage.Entry {
        func reference(_ id: String) -> IndicatorsPage.Reference? { indicatorReference(id, from: path) }
        let lineage = (indicator.related + (relatedBy[indicator.id] ?? [])).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let children = site.indicators.filter { $0.parent == indicator.id }.compactMap { reference($0.id) }
        let mentions = shown.compactMap { reference -> IndicatorsPage.Mention? in
            guard let document = card(reference.slug) else { return nil }
            let section = document.section(reference.anchor)
            return IndicatorsPage.Mention(
                title: section?.title ?? document.metadata.title, documentTitle: document.metadata.title,
                href: link(SitePaths.document(document.slug) + (reference.anchor.isEmpty ? "" : "#" + reference.anchor), from: path))
        }
        let themes = indicator.themes.compactMap { id in site.theme(id).map { TitledLink(title: $0.title, href: link(SitePaths.theme(id), from: path)) } }
        let charts = IndicatorChart.charts(for: indicator).compactMap { chart in
            chart.svg().map { IndicatorsPage.Chart(chartSVG: $0, chartText: chart.textAlternative) }
        }
        return IndicatorsPage.Entry(
            id: indicator.id, code: indicator.code, title: indicator.title, kind: indicator.kind.rawValue,
            strategy: indicator.strategy, strategyTitle: strategyShortTitle(indicator.strategy),
            parent: indicator.parent.flatMap(reference), children: children, themes: themes,
            localMonitoring: indicator.localMonitoring, description: indicator.description,
            values: indicator.values.enumerated().map { valueEntry($0.element, figure: FigureReference(indicator: indicator.id, value: $0.offset), from: path) },
            lineage: lineage.compactMap(reference), mentions: mentions, mentionTotal: total, charts: charts)
    }

    /// One value on the lookup: the figure, its period, the source's qualifying words, an
    /// editorial note if any, and a link to the place it is written.
    func valueEntry(_ value: Indicator.Value, figure: FigureReference, from path: String) -> IndicatorsPage.Value {
        var entry = IndicatorsPage.Value(value: value.value, date: value.hasPeriod ? value.date : "", note: value.note, editorial: value.editorial)
        if let place = value.place, let document = card(place.slug) {
            entry.sourceNotes = sourceNotes(of: figure, in: place.slug).map { note in
                IndicatorsPage.SourceNote(number: note.number, text: note.text, href: link(SitePaths.document(note.slug) + "#fn:\(note.number)", from: path))
            }
            let section = document.section(place.anchor)
            // A passage or a note is named by its own kind of place; a section by its heading.
            let passage = place.anchor.hasPrefix("p:") ? "the cited paragraph" : place.anchor.hasPrefix("fn:") ? "note \(place.anchor.dropFirst(3))" : nil
            let known = section != nil || passage != nil
            entry.placeTitle = section?.title ?? passage ?? document.metadata.title
            entry.documentTitle = known ? document.metadata.title : ""
            entry.placeHref = link(SitePaths.document(document.slug) + (known ? "#" + place.anchor : ""), from: path)
        } else if !value.source.isEmpty, let document = document(withSource: value.source) {
            entry.placeTitle = document.metadata.title
            entry.placeHref = link(SitePaths.document(document.slug), from: path)
        }
        return entry
    }
}
