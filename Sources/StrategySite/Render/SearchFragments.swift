import Foundation
import Synchronization

/// The search data's entries for each document (the document and its sections), written once
/// per parse and kept by `serve` between rebuilds: the search data lists the whole library and
/// is written again on every edit of any text, but only the edited document's entries change.
///
/// Entries are kept by ``ParsedDocument/revision``; the data files, which also shape them
/// (a strategy's short title), rebuild everything and start a new cache.
public final class SearchFragments: Sendable {
    /// Pages render on many threads at once; each writes its document's entries outside the lock.
    private let entries = Mutex<[String: (revision: Int, bytes: [UInt8])]>([:])

    public init() {}

    /// The entries of a document's parse, written by `write` when that parse has none yet.
    func entries(for slug: String, revision: Int, write: () -> [UInt8]) -> [UInt8] {
        if let kept = entries.withLock({ $0[slug] }), kept.revision == revision { return kept.bytes }
        let bytes = write()
        entries.withLock { $0[slug] = (revision, bytes) }
        return bytes
    }

    /// Forgets the documents no longer in `site` (looked for only when some went).
    func forgetRemoved(from site: LinkedSite) {
        entries.withLock { entries in
            guard entries.count > site.documents.count else { return }
            entries = entries.filter { site.position(of: $0.key) != nil }
        }
    }
}
