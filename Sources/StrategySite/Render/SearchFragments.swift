import Foundation
import Synchronization

/// What `serve` keeps of the search index between rebuilds: the index of sections as last
/// written, each document's revision it was made from, and the shard count. A rebuild puts
/// the edited documents' sections in place (``SectionIndex/replace(_:)``) and writes only the
/// shards of the terms that changed, the edited documents' fragments, their words' spelling
/// lists and the manifest, never the whole index.
///
/// The data files (`site.yml`, `themes.yml`, `indicators.yml`) shape every file (strategy
/// names, theme numbers, the lookup's entries): a change to one starts a new state.
public final class SearchFragments: Sendable {
    struct State: Sendable {
        var index: SectionIndex
        var revisions: [String: Int]
        var shardCount: Int
        /// Every file the index is written as now.
        var paths: Set<String>
    }

    private let state = Mutex<State?>(nil)
    /// Files of the last state gone from this one, for the preview to drop.
    private let gone = Mutex<[String]>([])

    public init() {}

    /// Runs `body` on the kept state (nil the first time); one search job runs at a time.
    func update<T>(_ body: (inout State?) -> T) -> T {
        state.withLock { state in
            let before = state?.paths ?? []
            let result = body(&state)
            let removed = before.subtracting(state?.paths ?? [])
            if !removed.isEmpty { gone.withLock { $0 += removed.sorted() } }
            return result
        }
    }

    /// The files that went since this was last asked.
    public func takeRemovedPaths() -> [String] {
        gone.withLock { paths in
            defer { paths = [] }
            return paths
        }
    }
}
