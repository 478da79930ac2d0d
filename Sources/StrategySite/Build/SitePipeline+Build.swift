import Foundation

/// The pipeline run once from empty: `build` (written, streamed into the output), `check`
/// (rendered and dropped) and `lookup` (linked only).
extension SitePipeline {
    /// What a successful build did, for the one-line summary.
    public struct Summary: Sendable {
        public var documents: Int
        public var pages: Int
        public var filesWritten: Int
        public var warnings: [Diagnostic]
        public var seconds: Double
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

    /// Load, parse and link from empty: the stages every command shares.
    public func link() -> (site: LinkedSite?, diagnostics: [Diagnostic]) {
        withState { state in
            state.loadContent()
            let linked = state.data.map { state.linkAll($0) }
            return (linked?.site, state.collapsed(state.contentDiagnostics + (linked?.diagnostics ?? [])).normalized())
        }
    }

    /// Everything rendering needs, or the diagnostics that stop it.
    struct Prepared: Sendable {
        var site: LinkedSite?
        var renderer: SiteRenderer?
        var assets: [AssetFile]
        var diagnostics: [Diagnostic]
    }

    /// Every stage but rendering, from empty. Unlike a kept pipeline, which stops at the first
    /// stage with errors, this links whatever parsed, so one run reports every problem.
    func prepare() -> Prepared {
        withState { state in
            state.loadContent()
            let linked = state.data.map { state.linkAll($0) }
            var diagnostics = state.collapsed(state.contentDiagnostics + (linked?.diagnostics ?? []))
            state.loadTemplates()
            state.loadAllAssets()
            diagnostics += state.templateDiagnostics + state.assetDiagnostics
            guard let site = linked?.site, let templates = state.templates, !diagnostics.hasErrors else {
                return Prepared(site: linked?.site, renderer: nil, assets: [], diagnostics: diagnostics.normalized())
            }
            return Prepared(site: site, renderer: SiteRenderer(site: site, templates: templates, bodyEnd: bodyEnd),
                            assets: state.assets, diagnostics: diagnostics.normalized())
        }
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
        let options = self.options
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
        // Only a site that was written publishes new passage ids, so only then are they recorded.
        var warnings = result.diagnostics
        do throws(Diagnostic) {
            try PassageLedger.append(withState { $0.newLedgerLines() }, to: withState { $0.data?.ledger })
        } catch {
            var warning = error
            warning.severity = .warning
            warnings.append(warning)
        }
        return Summary(documents: site.documents.count, pages: written.pages,
                       filesWritten: written.files, warnings: warnings, seconds: Date().timeIntervalSince(start))
    }
}
