/// What IncrementalBuilder keeps between rebuilds: each document's parse, the pending work,
/// what other pages show of each document, and the page jobs a rebuild can run.
extension IncrementalBuilder {
    struct DocumentEntry: Sendable {
        var parsed: ParsedDocument?
        var diagnostics: [Diagnostic]
    }

    /// Changes not yet rendered: built up while the site has errors.
    struct Pending {
        var all = false
        var documents: Set<String> = []
        var templates: Set<String> = []
        var isEmpty: Bool { !all && documents.isEmpty && templates.isEmpty }
    }

    /// What other pages show of a document: its details and its sections' titles, excerpts and
    /// themes. Other document pages, theme pages, strategy pages, the theme index and the home
    /// page show nothing else of it (the tests compare every rebuild with a full build), so an
    /// edit that leaves the card as it was renders none of them.
    struct DocumentCard: Hashable, Sendable {
        struct SectionCard: Hashable, Sendable {
            var anchor: String
            var title: String
            var excerpt: String
            var themes: [String]
        }
        var metadata: DocumentMetadata
        var sections: [SectionCard]
    }

    /// The last good render.
    struct RenderedState: Sendable {
        var site: LinkedSite
        /// Page path to the template it was rendered with ("" for data files).
        var pageTemplates: [String: String]
        var templateNames: Set<String>
        var cards: [String: DocumentCard]
        var year: Int
        var supportsIncremental: Bool
    }

    /// One unit of rendering: a page, or the data files.
    enum PageJob: Hashable, Sendable {
        case document(String), theme(String), strategy(String)
        case home, themeIndex, indicators, search, accessibility, notFound, supportFiles

        static func all(in site: LinkedSite) -> [PageJob] {
            site.documents.map { .document($0.slug) } + site.themes.map { .theme($0.id) }
                + site.config.strategies.map { .strategy($0.id) }
                + [.home, .themeIndex, .indicators, .search, .accessibility, .notFound, .supportFiles]
        }

        func path(in site: LinkedSite) -> String {
            switch self {
            case .document(let slug): SitePaths.document(slug)
            case .theme(let id): SitePaths.theme(id)
            case .strategy(let id): SitePaths.strategy(id)
            case .home: SitePaths.home
            case .themeIndex: SitePaths.themes
            case .indicators: SitePaths.indicators
            case .search: SitePaths.search
            case .accessibility: SitePaths.accessibility
            case .notFound: SitePaths.notFound
            case .supportFiles: ""
            }
        }

        /// Slow pages first, so the parallel render finishes evenly.
        var order: Int {
            switch self {
            case .document: 0
            case .supportFiles: 1
            case .indicators: 2
            default: 3
            }
        }

        func render(_ renderer: SiteRenderer) -> [RenderedPage] {
            switch self {
            case .document(let slug): [renderer.renderDocument(slug)]
            case .theme(let id): [renderer.renderTheme(id)]
            case .strategy(let id): [renderer.renderStrategy(id)]
            case .home: [renderer.renderHome()]
            case .themeIndex: [renderer.renderThemeIndex()]
            case .indicators: [renderer.renderIndicators()]
            case .search: [renderer.renderSearch()]
            case .accessibility: [renderer.renderAccessibility()]
            case .notFound: [renderer.renderNotFound()]
            case .supportFiles: renderer.supportFiles()
            }
        }
    }
}
