import Foundation

/// The pipeline for `serve`: builds the site in memory once, then rebuilds only what a changed
/// file affects, and keeps the last good site while the content or templates have errors.
///
/// What a change re-does:
///
/// - a document saved: reads and parses that document, updates the link stage by difference
///   (``LinkIndex``), and renders the pages that read something the edit changed: each page
///   job records what it reads as it renders (``PageInput``), ``SiteChanges`` says which
///   inputs differ, ``PageReads`` which jobs read them;
/// - a document added or removed: the same, after listing `documents/` again;
/// - a template: renders the pages that used it, directly or through partials (also inputs);
///   a template added or removed, or a new literal id in one, renders everything;
/// - `site.yml`, `themes.yml` or `indicators.yml`: everything;
/// - an asset: reloads the assets.
///
/// Changes seen while the site has errors are remembered, so the first good rebuild renders
/// all of them.
///
/// It keeps no pages: each build hands over what changed (``SiteUpdate``) to whoever serves
/// the site (the preview's `ServedSite`). Builds may be started from any thread; they are
/// serialised.
public final class IncrementalBuilder: @unchecked Sendable {
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Whether the site now reflects every change (no errors). When false the last good
        /// site stands and `update` is empty.
        public var succeeded: Bool
        /// What changed in the site: for whoever serves it.
        public var update: SiteUpdate

        /// Pages and data files rendered by this rebuild (0 when it failed or nothing needed it).
        public var pagesRendered: Int { update.pages.count }
    }

    /// The difference a build makes to the site being served.
    public struct SiteUpdate: Sendable {
        /// Whether `pages` are the whole site (a full build), replacing every page before.
        public var replacesAll = false
        public var pages: [RenderedPage] = []
        /// Pages gone (their documents were removed).
        public var removed: [String] = []
        /// Every asset, when they were read again; nil when they did not change.
        public var assets: [String: Data]?
    }

    let options: SiteBuilder.Options
    let bodyEnd: String

    private let buildLock = NSLock()
    private var built = false
    private var data: SiteSource?
    private var dataDiagnostics: [Diagnostic] = []
    private var listingDiagnostics: [Diagnostic] = []
    private var documents: [String: DocumentEntry] = [:]
    private var reservedIDs: Set<String> = []
    private var templates: TemplateSet?
    private var templateDiagnostics: [Diagnostic] = []
    private var assetDiagnostics: [Diagnostic] = []
    /// The documents as linked now, updated by each rebuild (whether or not it succeeds).
    private var links: LinkIndex?
    private var searchFragments = SearchFragments()
    private var rendered: RenderedState?
    private var pending = Pending()
    /// Assets read since the last successful build, to hand over with its pages.
    private var loadedAssets: [String: Data]?
    /// The diagnostics of the last build or rebuild, sorted.
    public private(set) var lastDiagnostics: [Diagnostic] = []
    /// Paths rendered by the last build, for tests.
    private(set) var lastRenderedPaths: [String] = []

    private let classifier: PathClassifier

    public init(options: SiteBuilder.Options, bodyEnd: String = "") {
        self.options = options
        self.bodyEnd = bodyEnd
        classifier = PathClassifier(contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory)
    }

    // MARK: Public surface

    /// Full build in memory (errors mean the last good site is kept).
    @discardableResult
    public func buildAll() -> Result {
        buildLock.lock()
        defer { buildLock.unlock() }
        return buildAllLocked()
    }

    /// Rebuild after these files changed, appeared or disappeared (paths under the content or
    /// templates directories, absolute or as the options name them).
    @discardableResult
    public func rebuild(changed paths: [String]) -> Result {
        buildLock.lock()
        defer { buildLock.unlock() }
        guard built else { return buildAllLocked() }

        var changedDocuments: Set<String> = []
        var changedTemplates: Set<String> = []
        var changedAssets: Set<String> = []
        /// Something in `documents/` other than a document file: list the folder again.
        var listing = false
        for path in paths {
            switch classify(path) {
            case .data, .unknown:
                return buildAllLocked()
            case .document(let slug):
                changedDocuments.insert(slug)
            case .listing:
                listing = true
            case .template(let name):
                changedTemplates.insert(name)
            case .asset(let relative):
                changedAssets.insert(relative)
            case .ignored:
                break
            }
        }
        guard let strategies = data?.config.strategies else { return buildAllLocked() }

        if !changedAssets.isEmpty { loadAllAssets() }
        if !changedTemplates.isEmpty {
            // Documents were parsed around the ids the templates use; new ids mean new parses.
            guard TemplateIDs.read(directory: options.templatesDirectory) == reservedIDs else { return buildAllLocked() }
            loadTemplates()
            pending.templates.formUnion(changedTemplates)
        }
        if listing || !changedDocuments.isEmpty {
            // Saves of documents the site has, still where they were: only they are read again.
            // Anything else (a file added, removed or replaced by a link) lists documents/ as
            // a full build does, with its checks of every name.
            let loader = self.loader
            let saved = Dictionary(changedDocuments.map { ($0, loader.displayPath("documents/\($0).md")) }, uniquingKeysWith: { a, _ in a })
            let listed: [String: String]
            if !listing && saved.allSatisfy({ documents[$0.key] != nil && FileSystemEntry.at($0.value) == .regular && loader.linkLeadingOut($0.value) == nil }) {
                listed = saved
            } else {
                var listing: [Diagnostic] = []
                let files = loader.documentFiles(&listing)
                listingDiagnostics = listing
                listed = Dictionary(files.map { ($0.slug, $0.path) }, uniquingKeysWith: { a, _ in a })
                for slug in documents.keys where listed[slug] == nil {
                    documents[slug] = nil
                    pending.documents.insert(slug)
                    pending.linked.remove(slug)
                }
            }
            let reload = listed.filter { slug, _ in documents[slug] == nil || changedDocuments.contains(slug) }
            let parser = self.parser
            let known = documents
            let entries = reload.map { ($0.key, $0.value) }.parallelMap { slug, path in
                (slug, Self.loadDocument(slug: slug, path: path, strategies: strategies, loader: loader, parser: parser, known: known[slug]))
            }
            for (slug, (entry, changed)) in entries where changed {
                documents[slug] = entry
                pending.documents.insert(slug)
                pending.linked.remove(slug)
            }
        }
        if pending.isEmpty && !listing {
            // Nothing to render: only assets or ignored files changed.
            lastRenderedPaths = []
            let current = lastDiagnostics
            guard !current.hasErrors, let assets = loadedAssets else { return Result(diagnostics: current, succeeded: !current.hasErrors, update: SiteUpdate()) }
            loadedAssets = nil
            return Result(diagnostics: current, succeeded: true, update: SiteUpdate(assets: assets))
        }
        return renderPending()
    }

    // MARK: Loading

    private var loader: ContentLoader { ContentLoader(contentDirectory: options.contentDirectory) }

    private func buildAllLocked() -> Result {
        built = true
        pending = Pending(all: true)
        links = nil
        var found: [Diagnostic] = []
        data = loader.loadData(&found)
        if let baseURL = options.baseURL { data?.config.baseURL = baseURL }
        dataDiagnostics = found
        documents = [:]
        listingDiagnostics = []
        reservedIDs = TemplateIDs.read(directory: options.templatesDirectory)
        if let strategies = data?.config.strategies {
            var listing: [Diagnostic] = []
            let files = loader.documentFiles(&listing)
            listingDiagnostics = listing
            let loader = self.loader
            let parser = self.parser
            let entries = files.parallelMap { file in
                (file.slug, Self.loadDocument(slug: file.slug, path: file.path, strategies: strategies, loader: loader, parser: parser).entry)
            }
            documents = Dictionary(entries, uniquingKeysWith: { a, _ in a })
        }
        loadTemplates()
        loadAllAssets()
        return renderPending()
    }

    /// The parser for the current indicators and templates: mentions link to the first, and
    /// ids the second uses are reserved.
    private var parser: DocumentParser {
        DocumentParser(options: .init(indicators: IndicatorMatcher(indicators: data?.indicators ?? []), reservedIDs: reservedIDs))
    }

    /// Reads and parses a document; when it reads as `known` was read (a save that changed
    /// nothing, or a `touch`), `known` is kept, parse and all, and `changed` is false.
    private static func loadDocument(slug: String, path: String, strategies: [Strategy], loader: ContentLoader, parser: DocumentParser,
                                     known: DocumentEntry? = nil) -> (entry: DocumentEntry, changed: Bool) {
        let (source, loadDiagnostics) = loader.loadDocument(slug: slug, path: path, strategies: strategies)
        // The same text through the same parser (a new parser means a full build) parses the
        // same. The parse lets the Markdown go, so the text is compared by a fingerprint.
        let fingerprint = source.map(Self.fingerprint)
        if let fingerprint, let known, known.fingerprint == fingerprint { return (known, false) }
        var found = loadDiagnostics
        var parsed: ParsedDocument?
        if let source {
            parsed = parser.parse(source, &found)
        }
        return (DocumentEntry(parsed: parsed, diagnostics: found, fingerprint: fingerprint), true)
    }

    private static func fingerprint(_ source: SourceDocument) -> Int {
        var hasher = Hasher()
        hasher.combine(source.path)
        hasher.combine(source.metadata)
        hasher.combine(source.bodyStartLine)
        hasher.combine(source.body)
        return hasher.finalize()
    }

    private func loadTemplates() {
        var found: [Diagnostic] = []
        templates = TemplateSet.load(directory: options.templatesDirectory, &found)
        templateDiagnostics = found
    }

    /// Reads every asset `build` would publish (``AssetFile/catalog(templatesDirectory:_:)``), so
    /// the preview serves exactly those files and warns about the same links.
    private func loadAllAssets() {
        var found: [Diagnostic] = []
        var loaded: [String: Data] = [:]
        for asset in AssetFile.catalog(templatesDirectory: options.templatesDirectory, &found) {
            if let bytes = FileManager.default.contents(atPath: asset.source) { loaded[asset.path] = bytes }
        }
        assetDiagnostics = found
        loadedAssets = loaded
    }

    // MARK: Rendering

    /// Links the site from the cached documents and renders what `pending` asks for; on errors
    /// keeps the last good pages and the pending changes.
    private func renderPending() -> Result {
        var found = dataDiagnostics + listingDiagnostics + templateDiagnostics + assetDiagnostics
        // Sorted later with the rest (`normalized`); most documents have none.
        for entry in documents.values where !entry.diagnostics.isEmpty { found += entry.diagnostics }
        guard let data, let templates, !found.hasErrors else { return fail(found) }
        if pending.all || links == nil {
            var index = LinkIndex(data: data)
            index.add(documents.keys.sorted().compactMap { documents[$0]?.parsed })
            links = index
        } else if !pending.linked.isSuperset(of: pending.documents) {
            // Linked once per change, even if this render fails: what changed is remembered.
            let slugs = pending.documents.subtracting(pending.linked)
            if let changes = links?.update(Dictionary(slugs.map { ($0, documents[$0]?.parsed) }, uniquingKeysWith: { a, _ in a })),
               let site = links?.site {
                pending.inputs.formUnion(SiteChanges.inputs(changes, documents: slugs, in: site))
            }
            pending.linked.formUnion(slugs)
        }
        guard let links else { return fail(found) }
        let site = links.site
        found += links.diagnostics
        found = DiagnosticCascade.collapse(found, contentDirectory: options.contentDirectory)
        guard !found.hasErrors else { return fail(found) }

        if pending.all { searchFragments = SearchFragments() }
        let renderer = SiteRenderer(site: site, templates: templates, bodyEnd: bodyEnd, searchFragments: searchFragments)
        let templateNames = Set(templates.partialsUsed.keys)
        let incremental = !pending.all && rendered?.templateNames == templateNames
        // Taken out, so the state below is the only reference and changes in place.
        var reads = incremental ? rendered?.reads ?? PageReads() : PageReads()
        var paths = incremental ? rendered?.paths ?? [:] : [:]
        rendered = nil
        var jobs: Set<PageJob>
        var removed: [String] = []
        if incremental {
            jobs = reads.jobs(reading: pending.inputs.union(pending.templates.map { PageInput.template($0) }))
            // A new document's page has read nothing yet; a removed one's page goes.
            for slug in pending.documents {
                let job = PageJob.document(slug)
                if site.document(slug) == nil {
                    jobs.remove(job)
                    reads.remove(job)
                    removed += paths.removeValue(forKey: job) ?? []
                } else if reads.inputs(of: job) == nil {
                    jobs.insert(job)
                }
            }
        } else {
            jobs = Set(PageJob.all(in: site))
        }

        let results = jobs.sorted { $0.order < $1.order }.parallelMap { job in
            let log = ReadLog()
            return (job: job, pages: job.render(renderer.reading(into: log)), inputs: log.inputs)
        }
        for result in results {
            reads.record(result.job, read: result.inputs)
            paths[result.job] = result.pages.map(\.path)
        }
        rendered = RenderedState(reads: reads, paths: paths, templateNames: templateNames)
        pending = Pending()
        let pages = results.flatMap(\.pages)
        // The search index writes only the files an edit changed, and says which went.
        removed += searchFragments.takeRemovedPaths()
        lastRenderedPaths = pages.map(\.path)

        let normalized = found.normalized()
        lastDiagnostics = normalized
        let update = SiteUpdate(replacesAll: !incremental, pages: pages, removed: removed, assets: loadedAssets)
        loadedAssets = nil
        return Result(diagnostics: normalized, succeeded: true, update: update)
    }

    private func fail(_ found: [Diagnostic]) -> Result {
        let normalized = found.normalized()
        lastRenderedPaths = []
        lastDiagnostics = normalized
        return Result(diagnostics: normalized, succeeded: false, update: SiteUpdate())
    }

    /// What kind of file `path` is, for the rebuild it calls for.
    func classify(_ path: String) -> PathClassifier.Change { classifier.classify(path) }
}
