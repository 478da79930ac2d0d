/// The home page and the strategy pages: the strategies in order with their documents.
extension SiteRenderer {
    func renderHome() -> RenderedPage {
        let path = SitePaths.home
        let strategies = site.config.strategies.map { strategy in
            HomePage.Strategy(
                id: strategy.id, title: strategy.title, shortTitle: strategy.shortTitle, summary: strategy.summary,
                href: link(SitePaths.strategy(strategy.id), from: path),
                documents: documentList(in: strategy.id).map { documentSummary($0, from: path) },
                published: strategy.published?.description ?? "")
        }
        let timeline = Timeline(documents: documentList(), config: site.config, from: path)
        return page(path, template: .home, title: site.config.title,
                    HomePage(strategies: strategies, timelineSVG: timeline.svg(), timeline: timeline.entries))
    }

    /// The page of strategy `id`; nil when site.yml has no such strategy (its job makes no page).
    func renderStrategy(_ id: String) -> RenderedPage? {
        let path = SitePaths.strategy(id)
        guard let strategy = site.config.strategy(id) else { return nil }
        let documents = documentList(in: id)
        let themes = site.themes.compactMap { theme -> StrategyPage.Theme? in
            let onTheme = sections(onTheme: theme.id)
            let sections = onTheme.filter { $0.strategy == id }
            guard !sections.isEmpty else { return nil }
            let elsewhere = site.config.strategies.filter { other in
                other.id != id && onTheme.contains { $0.strategy == other.id }
            }.map { TitledLink(title: $0.shortTitle, href: link(SitePaths.theme(theme.id) + "#strategy-" + Slugger.slug($0.id), from: path)) }
            return StrategyPage.Theme(
                title: theme.title, ownName: theme.names[id] ?? "", countLabel: "\(sections.count) section\(sections.count == 1 ? "" : "s")",
                href: link(SitePaths.theme(theme.id), from: path), elsewhere: elsewhere)
        }
        let indicators = site.indicators.filter { $0.strategy == id }
        let figures = indicators.filter { $0.kind == .figure }.map { indicatorSummary($0, from: path) }
        let measures = indicators.filter { $0.kind != .figure }.map { indicatorSummary($0, from: path) }
        return page(path, template: .strategy, title: strategy.title, StrategyPage(strategy: StrategyPage.Strategy(
            id: strategy.id, title: strategy.title, shortTitle: strategy.shortTitle, summary: strategy.summary,
            published: strategy.published?.description ?? "", publishedISO: strategy.published?.iso ?? "",
            ambitions: strategy.ambitions, ownThemes: strategy.ownThemes,
            documents: documents.map { documentSummary($0, from: path) },
            themes: themes, figures: figures, measures: measures)))
    }

    func indicatorSummary(_ indicator: Indicator, from path: String) -> IndicatorSummary {
        IndicatorSummary(
            id: indicator.id, code: indicator.code, title: indicator.title,
            href: link(SitePaths.indicator(indicator.id), from: path),
            latestValue: indicator.values.last.map { $0.hasPeriod ? "\($0.value) (\($0.date))" : $0.value } ?? "")
    }
}
