/// The home page and the strategy pages: the strategies in order with their documents.
extension SiteRenderer {
    /// The home page: the timeline, and each strategy with its first documents. A strategy
    /// with more than its share of a page (`page-size` over the strategies, at least three)
    /// links to its own page for the rest.
    func renderHome() -> RenderedPage {
        let path = SitePaths.home
        let share = max(3, site.config.pageSize / max(site.config.strategies.count, 1))
        let strategies = site.config.strategies.map { strategy in
            let documents = documentList(in: strategy.id)
            return HomePage.Strategy(
                id: strategy.id, title: strategy.title, shortTitle: strategy.shortTitle, summary: strategy.summary,
                href: link(SitePaths.strategy(strategy.id), from: path),
                documents: documents.prefix(share).map { documentSummary($0, from: path) }, total: documents.count,
                published: strategy.published?.description ?? "")
        }
        let timeline = Timeline(documents: documentList(), config: site.config, from: path)
        return page(path, template: .home, title: site.config.title,
                    HomePage(strategies: strategies, timelineSVG: timeline.svg(), timeline: timeline.entries, timelineYears: timeline.years))
    }

    /// The pages of strategy `id`: its documents a page at a time, and on the first its aims,
    /// themes and indicators. None when site.yml has no such strategy (its job makes no page).
    func renderStrategy(_ id: String) -> [RenderedPage] {
        guard let strategy = site.config.strategy(id) else { return [] }
        let documents = documentList(in: id)
        let pager = Pager(path: SitePaths.strategy(id), count: documents.count, size: site.config.pageSize)
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            let first = number == 1
            let themes = !first ? [] : site.themes.compactMap { theme -> StrategyPage.Theme? in
                let onTheme = sections(onTheme: theme.id)
                let sections = onTheme.filter { $0.strategy == id }
                guard !sections.isEmpty else { return nil }
                let elsewhere = site.config.strategies.filter { other in
                    other.id != id && onTheme.contains { $0.strategy == other.id }
                }.map { TitledLink(title: $0.shortTitle, href: link(themeHref(theme.id, strategy: $0.id), from: path)) }
                return StrategyPage.Theme(
                    title: theme.title, ownName: theme.names[id] ?? "", countLabel: "\(sections.count) section\(sections.count == 1 ? "" : "s")",
                    href: link(SitePaths.theme(theme.id), from: path), elsewhere: elsewhere)
            }
            let indicators = first ? site.indicators.filter { $0.strategy == id } : []
            let figures = indicators.filter { $0.kind == .figure }.map { indicatorSummary($0, from: path) }
            let measures = indicators.filter { $0.kind != .figure }.map { indicatorSummary($0, from: path) }
            let navigation = pager.navigation(onPage: number, label: "Documents of the \(strategy.shortTitle)")
            return page(path, template: .strategy, title: strategy.title, StrategyPage(strategy: StrategyPage.Strategy(
                id: strategy.id, title: strategy.title, shortTitle: strategy.shortTitle, summary: strategy.summary,
                published: strategy.published?.description ?? "", publishedISO: strategy.published?.iso ?? "",
                ambitions: first ? strategy.ambitions : [], ownThemes: first ? strategy.ownThemes : [],
                documents: documents[pager.range(ofPage: number)].map { documentSummary($0, from: path) },
                themes: themes, figures: figures, measures: measures, printHref: link(SitePaths.print(id), from: path)),
                pager: navigation), pagination: navigation)
        }
    }

    func indicatorSummary(_ indicator: Indicator, from path: String) -> IndicatorSummary {
        IndicatorSummary(
            id: indicator.id, code: indicator.code, title: indicator.title,
            href: link(SitePaths.indicator(indicator.id), from: path),
            latestValue: indicator.values.last.map { $0.hasPeriod ? "\($0.value) (\($0.date))" : $0.value } ?? "")
    }
}
