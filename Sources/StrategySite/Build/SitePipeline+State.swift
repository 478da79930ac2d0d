import Foundation

extension SitePipeline {
    /// What the stages leave between runs, and the one place they are set up: the data files
    /// (with the base URL option applied), the parser made from them, each document's parse,
    /// the templates and assets, the link stage's index, and what each page read.
    struct State: Sendable {
        let options: Options
        let bodyEnd: String
        let classifier: PathClassifier

        private var built = false
        private(set) var data: SiteSource?
        private var dataDiagnostics: [Diagnostic] = []
        /// Made with the data files and templates it depends on; nil until they are read.
        private var parser: DocumentParser?
        private var listingDiagnostics: [Diagnostic] = []
        private(set) var documents: [String: DocumentEntry] = [:]
        private var reservedIDs: Set<String> = []
        private(set) var templates: TemplateSet?
        private(set) var templateDiagnostics: [Diagnostic] = []
        /// The files of `Templates/assets` the site publishes, and the problems found listing them.
        private(set) var assets: [AssetFile] = []
        private(set) var assetDiagnostics: [Diagnostic] = []
        /// Whether the assets were listed again since the last successful build, to hand over with its pages.
        private var assetsChanged = false
        /// The documents as linked now, updated by each rebuild (whether or not it succeeds).
        private(set) var links: LinkIndex?
        private var searchFragments = SearchFragments()
        private var documentParts = DocumentRenderCache()
        private var rendered: RenderedState?
        private var pending = Pending()
        /// The diagnostics of the last build or rebuild, sorted.
        private(set) var lastDiagnostics: [Diagnostic] = []
        /// Paths rendered by the last build, for tests.
        private(set) var lastRenderedPaths: [String] = []

        init(options: Options, bodyEnd: String, classifier: PathClassifier) {
            self.options = options
            self.bodyEnd = bodyEnd
            self.classifier = classifier
        }

        struct DocumentEntry: Sendable {
            var parsed: ParsedDocument?
            var diagnostics: [Diagnostic]
            /// Of the file's text as read, to tell a save that changed nothing.
            var fingerprint: Int?
        }

        /// Changes not yet rendered: built up while the site has errors.
        struct Pending: Sendable {
            var all = false
            /// Documents read again (edited, added or removed).
            var documents: Set<String> = []
            /// Those of `documents` the link stage has been told about, and what that changed.
            var linked: Set<String> = []
            var inputs: Set<PageInput> = []
            var templates: Set<String> = []
            var isEmpty: Bool { !all && documents.isEmpty && templates.isEmpty }
        }

        /// The last good render.
        struct RenderedState: Sendable {
            /// What each page job read, to find the jobs an edit affects.
            var reads: PageReads
            /// The files each job made, to remove them when the job goes.
            var paths: [PageJob: [String]]
            /// The templates there were: one added or removed renders everything.
            var templateNames: Set<String>
        }

        // MARK: Loading

        var loader: ContentLoader { ContentLoader(contentDirectory: options.contentDirectory) }

        /// Reads the data files and every document, from empty, and parses the documents.
        mutating func loadContent() {
            pending = Pending(all: true)
            links = nil
            var found: [Diagnostic] = []
            data = loader.loadData(&found)
            if let baseURL = options.baseURL { data?.config.baseURL = baseURL }
            dataDiagnostics = found
            documents = [:]
            listingDiagnostics = []
            reservedIDs = TemplateIDs.read(directory: options.templatesDirectory)
            guard let data else {
                parser = nil
                return
            }
            // Mentions link to the indicators, and ids the templates use are reserved.
            let parser = DocumentParser(options: .init(indicators: IndicatorMatcher(indicators: data.indicators), reservedIDs: reservedIDs,
                                                       ledger: data.ledger))
            self.parser = parser
            var listing: [Diagnostic] = []
            let files = loader.documentFiles(&listing)
            listingDiagnostics = listing
            let loader = self.loader
            let strategies = data.config.strategies
            let entries = files.parallelMap { file in
                (file.slug, Self.loadDocument(slug: file.slug, path: file.path, strategies: strategies, loader: loader, parser: parser).entry)
            }
            documents = Dictionary(entries, uniquingKeysWith: { a, _ in a })
            if let ledger = data.ledger { listingDiagnostics += ledger.missingDocuments(known: Set(documents.keys)) }
        }

        /// The ledger lines for passages this build publishes for the first time (none when
        /// the site keeps no ledger).
        func newLedgerLines() -> [String] {
            guard let ledger = data?.ledger else { return [] }
            return ledger.newLines(for: documents.compactMap { slug, entry in
                entry.parsed.map { (slug: slug, passages: $0.passages.map { (id: $0.id, sketch: PassageSketch(text: $0.text)) }) }
            })
        }

        /// Reads and parses a document; when it reads as `known` was read (a save that changed
        /// nothing, or a `touch`), `known` is kept, parse and all, and `changed` is false.
        static func loadDocument(slug: String, path: String, strategies: [Strategy], loader: ContentLoader, parser: DocumentParser,
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

        mutating func loadTemplates() {
            var found: [Diagnostic] = []
            templates = TemplateSet.load(directory: options.templatesDirectory, &found)
            // Names a template uses that no page model has, for build, check and serve alike.
            if let templates { found += templates.unknownNames(SiteRenderer.templateModels) }
            templateDiagnostics = found
        }

        /// Lists every asset `build` publishes (``AssetFile/catalog(templatesDirectory:_:)``), so
        /// the preview serves exactly those files and warns about the same links.
        mutating func loadAllAssets() {
            var found: [Diagnostic] = []
            assets = AssetFile.catalog(templatesDirectory: options.templatesDirectory, &found)
            assetDiagnostics = found
            assetsChanged = true
        }

        /// The bytes of every asset, for a site served from memory.
        private func assetBytes() -> [String: Data] {
            var loaded: [String: Data] = [:]
            for asset in assets {
                if let bytes = FileManager.default.contents(atPath: asset.source) { loaded[asset.path] = bytes }
            }
            return loaded
        }

        /// The problems of loading and parsing the content: data files, listing, documents.
        var contentDiagnostics: [Diagnostic] {
            var found = dataDiagnostics + listingDiagnostics
            // Sorted later with the rest (`normalized`); most documents have none.
            for entry in documents.values where !entry.diagnostics.isEmpty { found += entry.diagnostics }
            return found
        }

        /// The link stage from empty, over every document parsed.
        func linkAll(_ data: SiteSource) -> LinkIndex {
            var index = LinkIndex(data: data)
            index.add(documents.keys.sorted().compactMap { documents[$0]?.parsed })
            return index
        }

        /// Collapses the errors a broken data file causes elsewhere: over the diagnostics of
        /// loading, parsing and linking, before those of templates and assets join them.
        func collapsed(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
            DiagnosticCascade.collapse(diagnostics, contentDirectory: options.contentDirectory)
        }

        // MARK: Kept (serve)

        /// Full build in memory (errors mean the last good site is kept).
        mutating func buildAll() -> Result {
            built = true
            loadContent()
            loadTemplates()
            loadAllAssets()
            return renderPending()
        }

        mutating func rebuild(changed paths: [String]) -> Result {
            guard built else { return buildAll() }

            var changedDocuments: Set<String> = []
            var changedTemplates: Set<String> = []
            var changedAssets: Set<String> = []
            /// Something in `documents/` other than a document file: list the folder again.
            var listing = false
            for path in paths {
                switch classifier.classify(path) {
                case .data, .unknown:
                    return buildAll()
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
            guard let strategies = data?.config.strategies, let parser else { return buildAll() }

            if !changedAssets.isEmpty { loadAllAssets() }
            if !changedTemplates.isEmpty {
                // Documents were parsed around the ids the templates use; new ids mean new parses.
                guard TemplateIDs.read(directory: options.templatesDirectory) == reservedIDs else { return buildAll() }
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
                    listed = Dictionary(files.map { ($0.slug, $0.path) }, uniquingKeysWith: { a, _ in a })
                    listingDiagnostics = listing + (data?.ledger?.missingDocuments(known: Set(listed.keys)) ?? [])
                    for slug in documents.keys where listed[slug] == nil {
                        documents[slug] = nil
                        pending.documents.insert(slug)
                        pending.linked.remove(slug)
                    }
                }
                let reload = listed.filter { slug, _ in documents[slug] == nil || changedDocuments.contains(slug) }
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
                guard !current.hasErrors, assetsChanged else { return Result(diagnostics: current, succeeded: !current.hasErrors, update: SiteUpdate()) }
                assetsChanged = false
                return Result(diagnostics: current, succeeded: true, update: SiteUpdate(assets: assetBytes()))
            }
            return renderPending()
        }

        /// Links the site from the kept documents and renders what `pending` asks for; on errors
        /// keeps the last good pages and the pending changes.
        private mutating func renderPending() -> Result {
            var found = contentDiagnostics + templateDiagnostics + assetDiagnostics
            guard let data, let templates, !found.hasErrors else { return fail(found) }
            if pending.all || links == nil {
                links = linkAll(data)
            } else if !pending.linked.isSuperset(of: pending.documents) {
                // Linked once per change, even if this render fails: what changed is remembered.
                let slugs = pending.documents.subtracting(pending.linked)
                let documents = self.documents
                if let changes = links?.update(Dictionary(slugs.map { ($0, documents[$0]?.parsed) }, uniquingKeysWith: { a, _ in a })),
                   let site = links?.site {
                    pending.inputs.formUnion(SiteChanges.inputs(changes, documents: slugs, in: site))
                }
                pending.linked.formUnion(slugs)
            }
            guard let links else { return fail(found) }
            let site = links.site
            found += links.diagnostics
            found = collapsed(found)
            guard !found.hasErrors else { return fail(found) }

            if pending.all {
                searchFragments = SearchFragments()
                documentParts = DocumentRenderCache()
            }
            if !pending.templates.isEmpty { documentParts.dropPages() }
            let renderer = SiteRenderer(site: site, templates: templates, bodyEnd: bodyEnd, searchFragments: searchFragments,
                                        documentParts: documentParts)
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
                let made = result.pages.map(\.path)
                // A list that shrank makes fewer pages than before (``Pager``): the rest go.
                if result.job.remakesAllItsFiles {
                    let kept = Set(made)
                    removed += (paths[result.job] ?? []).filter { !kept.contains($0) }
                }
                paths[result.job] = made
            }
            rendered = RenderedState(reads: reads, paths: paths, templateNames: templateNames)
            pending = Pending()
            let pages = results.flatMap(\.pages)
            // The search index writes only the files an edit changed, and says which went.
            removed += searchFragments.takeRemovedPaths()
            lastRenderedPaths = pages.map(\.path)

            let normalized = found.normalized()
            lastDiagnostics = normalized
            let update = SiteUpdate(replacesAll: !incremental, pages: pages, removed: removed, assets: assetsChanged ? assetBytes() : nil)
            assetsChanged = false
            return Result(diagnostics: normalized, succeeded: true, update: update)
        }

        private mutating func fail(_ found: [Diagnostic]) -> Result {
            let normalized = found.normalized()
            lastRenderedPaths = []
            lastDiagnostics = normalized
            return Result(diagnostics: normalized, succeeded: false, update: SiteUpdate())
        }
    }
}
