import Foundation
import StrategySite

/// The site the preview serves: the pages and assets of the last good build, in memory, and
/// the builder that changes them.
///
/// Requests read it while a rebuild runs and are never kept waiting: a rebuild's update (the
/// pages it rendered, those gone, the assets) is applied at once when it is done. A page's
/// bytes are made when it is asked for; the search data, which is in parts, is joined once
/// and kept until it changes.
public final class ServedSite: @unchecked Sendable {
    public let builder: IncrementalBuilder
    private let lock = NSLock()
    private var pages: [String: RenderedPage] = [:]
    private var assets: [String: Data] = [:]
    private var joined: [String: Data] = [:]
    private var diagnostics: [Diagnostic] = []
    /// Goes up with each update, so a page joined meanwhile is not kept when it changed.
    private var generation = 0

    public init(options: SiteBuilder.Options, bodyEnd: String = "") {
        builder = IncrementalBuilder(options: options, bodyEnd: bodyEnd)
    }

    /// Builds the whole site; returns its problems (with errors, the last good site stays).
    @discardableResult
    public func buildAll() -> [Diagnostic] {
        apply(builder.buildAll()).diagnostics
    }

    /// Rebuilds after these files changed, appeared or disappeared.
    @discardableResult
    public func rebuild(changed paths: [String]) -> IncrementalBuilder.Result {
        apply(builder.rebuild(changed: paths))
    }

    private func apply(_ result: IncrementalBuilder.Result) -> IncrementalBuilder.Result {
        let update = result.update
        lock.withLock {
            diagnostics = result.diagnostics
            if update.replacesAll { pages = [:] }
            for path in update.removed { pages[path] = nil }
            for page in update.pages { pages[page.path] = page }
            for path in update.removed + update.pages.map(\.path) { joined[path] = nil }
            if let fresh = update.assets { assets = fresh }
            generation += 1
        }
        return result
    }

    /// A file of the last good site by its output path (`index.html`, `assets/site.css`).
    public func file(at path: String) -> Data? {
        let (page, asset, kept, seen) = lock.withLock { (pages[path], assets[path], joined[path], generation) }
        if let kept { return kept }
        guard let page else { return asset }
        guard case .parts = page.body else { return page.data }
        let data = page.data
        lock.withLock { if generation == seen { joined[path] = data } }
        return data
    }

    /// Every path of the last good site, sorted.
    public var paths: [String] {
        lock.withLock { (Array(pages.keys) + Array(assets.keys)).sorted() }
    }

    /// The problems of the last build or rebuild, sorted.
    public var lastDiagnostics: [Diagnostic] { lock.withLock { diagnostics } }
}
