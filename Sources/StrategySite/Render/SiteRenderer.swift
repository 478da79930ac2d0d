import Foundation

/// The render stage: turns a ``LinkedSite`` into pages through the Mustache templates.
///
/// Each page template gets a typed model (``TemplateModel``: `DocumentPage`, `HomePage`…) and
/// the ``PageFrame`` the layout shows; everything in them is escaped by the template (`{{x}}`)
/// except the HTML this stage made itself from Markdown, in `…HTML` fields and inserted with
/// `{{{x}}}`.
public struct SiteRenderer: Sendable {
    public var site: LinkedSite
    public var templates: TemplateSet
    /// Extra HTML for the end of `<body>`; `serve` uses it for its reload script. Empty for `build`.
    public var bodyEnd: String
    /// Where the job being rendered records what it reads; nil for `build`, which renders
    /// every page once and need not know (see ``PageInput``).
    var log: ReadLog?

    /// The "accessed" date of the citations: the day of the build.
    public var accessed = PublicationDate.buildDay()

    /// `serve`'s search index, kept between rebuilds; nil for `build`.
    let searchFragments: SearchFragments?

    /// `serve`'s parts of pages made from one document, kept between rebuilds; nil for `build`.
    let documentParts: DocumentRenderCache?

    /// Each theme's reading of its own words, made once rather than for every section shown.
    let themePassages: [String: ThemePassage]

    /// Renders in place of ``templates`` when set: the tests' second Mustache engine, given
    /// the very contexts this stage builds.
    var otherEngine: (@Sendable (_ template: String, _ stack: [TemplateValue]) -> [UInt8])?

    public init(site: LinkedSite, templates: TemplateSet, bodyEnd: String = "", searchFragments: SearchFragments? = nil,
                documentParts: DocumentRenderCache? = nil) {
        self.documentParts = documentParts
        self.site = site
        self.templates = templates
        self.bodyEnd = bodyEnd
        self.searchFragments = searchFragments
        themePassages = Dictionary(site.themes.map { ($0.id, ThemePassage($0)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every page of the site, rendered in parallel, largest jobs first (``PageJob/order``).
    public func renderAll() -> [RenderedPage] {
        PageJob.all(in: site).sorted { $0.order < $1.order }.parallelMap { $0.render(self) }.flatMap { $0 }
    }

    /// Every page of the site, each handed to `sink` as soon as it is rendered, on whichever
    /// thread rendered it, and then let go: memory holds the pages in flight, not the site.
    public func renderAll(into sink: @Sendable (RenderedPage) -> Void) {
        let jobs = PageJob.all(in: site).sorted { $0.order < $1.order }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            for page in jobs[index].render(self) { sink(page) }
        }
    }

    // MARK: Shared context

    /// - Parameter absoluteRoot: for a page served at other addresses than its own (the 404
    ///   page), the site's URL path, so its links work at any depth.
    /// - Parameter pagination: for one page of a list split over several, where it stands:
    ///   its title says which page it is and its head links the pages either side.
    func page(_ path: String, template: PageTemplate, title: String, _ model: some TemplateModel, scripts: [String] = [],
              absoluteRoot: String? = nil, pagination: Pagination? = nil, metadata: PageFrame.Metadata? = nil) -> RenderedPage {
        let pageTitle = pagination.map { $0.current > 1 ? "\(title) (page \($0.current) of \($0.total))" : title } ?? title
        var frame = PageFrame(
            root: absoluteRoot ?? SitePaths.root(from: path), title: title,
            documentTitle: pageTitle == site.config.title ? pageTitle : "\(pageTitle) – \(site.config.title)",
            site: PageFrame.Site(title: site.config.title, language: site.config.language, description: site.config.description,
                                 contact: site.config.contact, contactHref: site.config.contactHref),
            nav: navigation(from: path, root: absoluteRoot), bodyEndHTML: bodyEnd, scripts: scripts)
        frame.prevPageHref = pagination?.previousHref ?? ""
        frame.nextPageHref = pagination?.nextHref ?? ""
        // A page served at other addresses than its own (404) names no canonical address.
        frame.metadata = metadata ?? PageFrame.Metadata(canonicalURL: absoluteRoot == nil ? absoluteURL(path) ?? "" : "")
        var out: [UInt8] = []
        // The frame innermost: its names win over the page's.
        render(template, [model.templateValue, frame.templateValue], into: &out)
        return RenderedPage(path: path, body: .bytes(out), template: template.rawValue)
    }

    /// The model each template is rendered with, for ``TemplateNameCheck``.
    static let templateModels: [PageTemplate: [TemplateShape.Fields]] = [
        .home: [HomePage.shape, PageFrame.shape], .document: [DocumentPage.shape, PageFrame.shape],
        .theme: [ThemePage.shape, PageFrame.shape], .themes: [ThemesPage.shape, PageFrame.shape],
        .indicators: [IndicatorsPage.shape, PageFrame.shape], .indicator: [IndicatorPage.shape, PageFrame.shape], .strategy: [StrategyPage.shape, PageFrame.shape],
        .print: [PrintPage.shape, PageFrame.shape],
        .search: [FramePage.shape, PageFrame.shape], .accessibility: [FramePage.shape, PageFrame.shape],
        .notFound: [FramePage.shape, PageFrame.shape], .sectionThemes: [SectionThemes.shape],
    ]

    func navigation(from path: String, root: String? = nil) -> [PageFrame.NavItem] {
        let items: [(String, String)] = [
            (SitePaths.home, "Home"), (SitePaths.themes, "Themes"), (SitePaths.indicators, "Indicators"), (SitePaths.search, "Search"),
        ]
        return items.map { target, label in
            PageFrame.NavItem(label: label, href: root.map { $0 + target } ?? SitePaths.relative(target, from: path), current: target == path)
        }
    }

    func link(_ target: String, from path: String) -> String { SitePaths.relative(target, from: path) }

    /// `path`'s address on the published site, when site.yml or `--base-url` gives its base.
    func absoluteURL(_ path: String) -> String? {
        site.config.absoluteURL(path)
    }

    func documentSummary(_ document: DocumentDetails, from path: String) -> DocumentSummary {
        let meta = document.metadata
        return DocumentSummary(
            slug: document.slug, title: meta.title, summary: meta.summary, type: meta.type,
            published: meta.published.description, publishedISO: meta.published.iso, publisher: meta.publisher,
            href: link(SitePaths.document(document.slug), from: path),
            strategy: site.config.strategy(meta.strategy)?.shortTitle ?? meta.strategy)
    }

    func strategyTitle(_ id: String) -> String { site.config.strategy(id)?.title ?? id }
    func strategyShortTitle(_ id: String) -> String { site.config.strategy(id)?.shortTitle ?? id }

    func sectionSummary(_ reference: SectionReference, from path: String) -> SectionSummary? {
        guard let document = card(reference.slug), let section = document.section(reference.anchor) else { return nil }
        return SectionSummary(
            title: section.title, excerpt: section.excerpt,
            href: link(SitePaths.document(document.slug) + "#" + section.anchor, from: path),
            documentTitle: document.metadata.title, documentSlug: document.slug,
            documentHref: link(SitePaths.document(document.slug), from: path))
    }

    // MARK: Simple pages

    func renderSearch() -> RenderedPage {
        page(SitePaths.search, template: .search, title: "Search", FramePage(), scripts: ["assets/search.js"])
    }

    func renderAccessibility() -> RenderedPage {
        page(SitePaths.accessibility, template: .accessibility, title: "Accessibility statement", FramePage())
    }

    /// A web server shows the 404 page at whatever address was asked for, so relative links
    /// would break below the top folder. With a base URL its links start from the base URL's
    /// path (`/strategies/assets/site.css`); without one they are relative to the site root.
    func renderNotFound() -> RenderedPage {
        let root = site.config.baseURL.flatMap { URL(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        return page(SitePaths.notFound, template: .notFound, title: "Page not found", FramePage(), absoluteRoot: root)
    }
}
