/// One unit of rendering: a page, or data files beside the pages. `build` runs them all;
/// `serve` runs those whose recorded inputs an edit changed (``PageInput``).
enum PageJob: Hashable, Sendable {
    case document(String), theme(String), strategy(String), indicator(String), print(String)
    case home, themeIndex, indicators, search, accessibility, notFound
    case searchData, indicatorData, feeds, openData

    static func all(in site: LinkedSite) -> [PageJob] {
        site.documents.map { .document($0.slug) } + site.themes.map { .theme($0.id) }
            + site.config.strategies.map { .strategy($0.id) } + site.config.strategies.map { .print($0.id) } + site.indicators.map { .indicator($0.id) }
            + [.home, .themeIndex, .indicators, .search, .accessibility, .notFound, .searchData, .indicatorData, .feeds, .openData]
    }

    /// The order to start jobs in. The indicator lookup, the search data and the theme index
    /// grow with the whole library and are one job each, so they start first and the
    /// documents fill the cores around them; started last, one of them would finish alone.
    var order: Int {
        switch self {
        case .indicators: 0
        case .searchData: 1
        case .themeIndex: 2
        case .theme: 3
        case .document: 5
        default: 4
        }
    }

    /// Whether each run of the job gives every file it owns, so that a file an earlier run
    /// gave and this one does not (a page of a list that shrank) is to be removed. The search
    /// data under `serve` gives only the files an edit changed, and names those that went.
    var remakesAllItsFiles: Bool { self != .searchData }

    func render(_ renderer: SiteRenderer) -> [RenderedPage] {
        switch self {
        // A job for something the site does not have makes no page, never an empty one.
        case .document(let slug): renderer.renderDocument(slug)
        case .theme(let id): renderer.renderTheme(id)
        case .strategy(let id): renderer.renderStrategy(id)
        case .print(let id): renderer.renderPrint(id)
        case .indicator(let id): renderer.renderIndicator(id)
        case .home: [renderer.renderHome()]
        case .themeIndex: renderer.renderThemeIndex()
        case .indicators: [renderer.renderIndicators()]
        case .search: [renderer.renderSearch()]
        case .accessibility: [renderer.renderAccessibility()]
        case .notFound: [renderer.renderNotFound()]
        case .searchData: renderer.renderSearchData()
        case .indicatorData: [renderer.renderIndicatorData()]
        case .feeds: renderer.renderFeeds()
        case .openData: renderer.renderOpenData()
        }
    }
}
