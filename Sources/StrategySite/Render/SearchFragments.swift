import Foundation

/// The search data's entries for each document (the document and its sections), written once
/// per parse and kept by `serve` between rebuilds: the search data lists the whole library and
/// is written again on every edit of any text, but only the edited document's entries change.
///
/// Entries are kept by ``ParsedDocument/revision``; the data files, which also shape them
/// (a strategy's short title), rebuild everything and start a new cache.
public final class SearchFragments: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (revision: Int, bytes: [UInt8])] = [:]

    public init() {}

    /// The entries of a document's parse, written by `write` when that parse has none yet.
    func entries(for slug: String, revision: Int, write: () -> [UInt8]) -> [UInt8] {
        if let kept = lock.withLock({ entries[slug] }), kept.revision == revision { return kept.bytes }
        let bytes = write()
        lock.withLock { entries[slug] = (revision, bytes) }
        return bytes
    }

    /// Forgets the documents no longer in `site` (looked for only when some went).
    func forgetRemoved(from site: LinkedSite) {
        lock.withLock {
            guard entries.count > site.documents.count else { return }
            entries = entries.filter { site.position(of: $0.key) != nil }
        }
    }
}
