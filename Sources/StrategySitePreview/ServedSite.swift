import Foundation
import StrategySite
import Synchronization

/// The site the preview serves: the pages and assets of the last good build, in memory, and
/// the builder that changes them.
///
/// Requests read it while a rebuild runs and are never kept waiting: a rebuild's update (the
/// pages it rendered, those gone, the assets) is applied at once when it is done. A page's
/// bytes are made when it is asked for; the search data, which is in parts, is joined once
/// and kept until it changes.
public final class ServedSite: Sendable {
    public let builder: SitePipeline

    private struct State {
        var pages: [String: RenderedPage] = [:]
        var assets: [String: Data] = [:]
        var joined: [String: Data] = [:]
        var diagnostics: [Diagnostic] = []
        /// Goes up with each update, so a page joined meanwhile is not kept when it changed.
        var generation = 0
    }

    private let state = Mutex(State())

    public init(options: SitePipeline.Options, bodyEnd: String = "") {
        builder = SitePipeline(options: options, bodyEnd: bodyEnd)
    }

    /// Builds the whole site; returns its problems (with errors, the last good site stays).
    @discardableResult
    public func buildAll() -> [Diagnostic] {
        apply(builder.buildAll()).diagnostics
    }

    /// Rebuilds after these files changed, appeared or disappeared.
    @discardableResult
    public func rebuild(changed paths: [String]) -> SitePipeline.Result {
        apply(builder.rebuild(changed: paths))
    }

    private func apply(_ result: SitePipeline.Result) -> SitePipeline.Result {
        let update = result.update
        state.withLock { state in
            state.diagnostics = result.diagnostics
            if update.replacesAll { state.pages = [:] }
            for path in update.removed { state.pages[path] = nil }
            for page in update.pages { state.pages[page.path] = page }
            for path in update.removed + update.pages.map(\.path) { state.joined[path] = nil }
            if let fresh = update.assets { state.assets = fresh }
            state.generation += 1
        }
        return result
    }

    /// A file of the last good site by its output path (`index.html`, `assets/site.css`).
    public func file(at path: String) -> Data? {
        let (page, asset, kept, seen) = state.withLock { ($0.pages[path], $0.assets[path], $0.joined[path], $0.generation) }
        if let kept { return kept }
        guard let page else { return asset }
        guard case .parts = page.body else { return page.data }
        let data = page.data
        state.withLock { if $0.generation == seen { $0.joined[path] = data } }
        return data
    }

    /// Every path of the last good site, sorted.
    public var paths: [String] {
        state.withLock { (Array($0.pages.keys) + Array($0.assets.keys)).sorted() }
    }

    /// The problems of the last build or rebuild, sorted.
    public var lastDiagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }
}
