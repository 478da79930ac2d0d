import Foundation

/// The whole pipeline: load, parse, link, render, write.
///
/// `build`, `check` and `serve` are this pipeline stopped at different points: ``check()``
/// stops before writing, ``render(bodyEnd:)`` returns pages in memory for the preview server,
/// ``build()`` writes them.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var contentDirectory: String
        public var templatesDirectory: String
        public var outputDirectory: String
        /// Overrides `base-url` of site.yml.
        public var baseURL: String?
        public var force: Bool
        /// Also pack the written site into this zip file.
        public var zipPath: String?

        public init(contentDirectory: String = "Content", templatesDirectory: String = "Templates",
                    outputDirectory: String = "Output", baseURL: String? = nil, force: Bool = false, zipPath: String? = nil) {
            self.zipPath = zipPath
            self.contentDirectory = contentDirectory
            self.templatesDirectory = templatesDirectory
            self.outputDirectory = outputDirectory
            self.baseURL = baseURL
            self.force = force
        }
    }

    /// What a successful build did, for the one-line summary.
    public struct Summary: Sendable {
        public var documents: Int
        public var pages: Int
        public var filesWritten: Int
        public var warnings: [Diagnostic]
        public var seconds: Double
    }

    /// A site rendered in memory, with every diagnostic found on the way.
    public struct Result: Sendable {
        public var site: LinkedSite?
        public var pages: [RenderedPage]
        /// The files of `Templates/assets` the site publishes.
        public var assets: [AssetFile] = []
        public var diagnostics: [Diagnostic]
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    var writer: SiteWriter { writer(assets: []) }

    func writer(assets: [AssetFile]) -> SiteWriter {
        SiteWriter(outputDirectory: options.outputDirectory, assets: assets,
                   protectedDirectories: [options.contentDirectory, options.templatesDirectory],
                   enclosingDirectories: [FileManager.default.currentDirectoryPath],
                   force: options.force)
    }

    /// Why the output and zip options can never work, whatever the content: the same checks
    /// `build` makes before it writes, for the command line to report as usage errors.
    public func optionRefusals() -> [String] {
        var reasons: [String] = []
        if let reason = writer.pathRefusal() { reasons.append("--output \(options.outputDirectory): \(reason)") }
        if let zip = options.zipPath, let reason = SiteArchiver.pathRefusal(zip, output: options.outputDirectory) {
            reasons.append(zip.isEmpty ? reason : "--zip \(zip): \(reason)")
        }
        if let baseURL = options.baseURL, let reason = BaseURL.problem(baseURL) { reasons.append("--base-url \(baseURL): \(reason)") }
        return reasons
    }

    /// Load, parse and link; the stages every command shares.
    public func link() -> (site: LinkedSite?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard var source = ContentLoader(contentDirectory: options.contentDirectory).load(&diagnostics) else {
            return (nil, diagnostics.normalized())
        }
        if let baseURL = options.baseURL { source.config.baseURL = baseURL }
        let parser = DocumentParser(options: .init(indicators: IndicatorMatcher(indicators: source.indicators),
                                                   reservedIDs: TemplateIDs.read(directory: options.templatesDirectory)))
        let parsed = source.documents.parallelMap { document -> (ParsedDocument, [Diagnostic]) in
            var found: [Diagnostic] = []
            let result = parser.parse(document, &found)
            return (result, found)
        }
        diagnostics += parsed.flatMap(\.1)
        let site = Linker().link(source, documents: parsed.map(\.0), &diagnostics)
        return (site, DiagnosticCascade.collapse(diagnostics, contentDirectory: options.contentDirectory))
    }

    /// Everything rendering needs, or the diagnostics that stop it.
    struct Prepared {
        var site: LinkedSite?
        var renderer: SiteRenderer?
        var assets: [AssetFile]
        var diagnostics: [Diagnostic]
    }

    func prepare(bodyEnd: String = "") -> Prepared {
        var (site, diagnostics) = link()
        let templates = TemplateSet.load(directory: options.templatesDirectory, &diagnostics)
        if let templates { diagnostics += templates.unknownNames(SiteRenderer.templateModels) }
        let assets = AssetFile.catalog(templatesDirectory: options.templatesDirectory, &diagnostics)
        guard let linked = site, let templates, !diagnostics.hasErrors else {
            return Prepared(site: site, renderer: nil, assets: [], diagnostics: diagnostics.normalized())
        }
        return Prepared(site: linked, renderer: SiteRenderer(site: linked, templates: templates, bodyEnd: bodyEnd),
                        assets: assets, diagnostics: diagnostics.normalized())
    }

    /// Every stage but writing, with every page in memory (for tests and the preview).
    public func render(bodyEnd: String = "") -> Result {
        let prepared = prepare(bodyEnd: bodyEnd)
        guard let renderer = prepared.renderer else { return Result(site: prepared.site, pages: [], diagnostics: prepared.diagnostics) }
        return Result(site: prepared.site, pages: renderer.renderAll(), assets: prepared.assets, diagnostics: prepared.diagnostics)
    }

    /// Runs the pipeline without writing and returns every problem, sorted.
    public func check() -> [Diagnostic] {
        let prepared = prepare()
        var diagnostics = prepared.diagnostics
        // Rendered and dropped: check finds what rendering finds without holding the site.
        prepared.renderer?.renderAll(into: { _ in })
        if let refusal = writer.refusal() { diagnostics.append(.warning(refusal.message, at: refusal.location, hint: refusal.hint)) }
        return diagnostics.normalized()
    }

    /// Builds and writes the site. On any error nothing in the output directory changes.
    ///
    /// Output and zip are checked before anything is rendered; writing and zipping happen
    /// holding the output's lock, so a second build into the same folder waits (and `onWait`
    /// hears about it once) instead of failing halfway.
    @discardableResult
    public func build(onWait: ((String) -> Void)? = nil) throws(BuildFailure) -> Summary {
        let start = Date()
        if let refusal = writer.refusal() { throw BuildFailure([refusal]) }
        if let zipPath = options.zipPath, let refusal = SiteArchiver(siteDirectory: options.outputDirectory, destination: zipPath).refusal() {
            throw BuildFailure([refusal])
        }
        if let baseURL = options.baseURL, let problem = BaseURL.problem(baseURL) {
            throw BuildFailure([.error("--base-url \(baseURL): \(problem)", at: SourceLocation(path: "--base-url"))])
        }
        let result = prepare()
        guard let site = result.site, let renderer = result.renderer, !result.diagnostics.hasErrors else { throw BuildFailure(result.diagnostics) }
        let writer = writer(assets: result.assets)
        let written: (files: Int, pages: Int)
        do {
            written = try writer.locked(onWait: onWait) { () throws(Diagnostic) -> (files: Int, pages: Int) in
                // Checked again under the lock: the folders may have changed while this build waited.
                if let zipPath = options.zipPath, let refusal = SiteArchiver(siteDirectory: options.outputDirectory, destination: zipPath).refusal() {
                    throw refusal
                }
                // The zip is packed from the staging folder before the swap: if it cannot be
                // written, the previous site stays. Only its rename(2) comes after the swap.
                let archiver = options.zipPath.map { SiteArchiver(siteDirectory: options.outputDirectory, destination: $0) }
                var packed: SiteArchiver.Packed?
                let count: (files: Int, pages: Int)
                do throws(Diagnostic) {
                    // Pages are rendered inside the lock and written as they come.
                    count = try writer.writeHoldingLock(streaming: { write in renderer.renderAll(into: write) }) { (staging: URL) throws(Diagnostic) in
                        if let zipPath = options.zipPath {
                            packed = try SiteArchiver(siteDirectory: staging.path, destination: zipPath).pack()
                        }
                    }
                } catch {
                    if let packed { archiver?.discard(packed) }
                    throw error
                }
                if let packed { try archiver?.place(packed) }
                return count
            }
        } catch {
            throw BuildFailure(result.diagnostics + [error])
        }
        return Summary(documents: site.documents.count, pages: written.pages,
                       filesWritten: written.files, warnings: result.diagnostics, seconds: Date().timeIntervalSince(start))
    }
}
