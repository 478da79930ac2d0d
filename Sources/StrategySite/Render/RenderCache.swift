import Foundation
import Synchronization

/// Fragments that many pages show the same, rendered once per build and shared between the
/// threads that render pages.
///
/// The block under a themed heading lists the themes and the other strategies' sections on
/// them; it depends only on the section's themes, whether they are inherited and the
/// document's strategy (every document page sits at the same depth), so a library of a
/// thousand documents with a few dozen theme combinations renders a few dozen blocks, not
/// thousands. Two threads missing the same key at once both render it; the results are equal.
final class RenderCache: Sendable {
    struct SectionKey: Hashable {
        var themes: [String]
        var inherited: Bool
        var strategy: String
    }

    private let sectionBlocks = Mutex<[SectionKey: (html: String, inputs: Set<PageInput>)]>([:])

    /// The block for `key`, rendered by `render` into a log of its own the first time; what
    /// it read is replayed into `log` on every use, so each page that shows it depends on it.
    func sectionBlock(_ key: SectionKey, log: ReadLog?, render: (ReadLog) -> String) -> String {
        if let found = sectionBlocks.withLock({ $0[key] }) {
            log?.record(contentsOf: found.inputs)
            return found.html
        }
        let own = ReadLog()
        let html = render(own)
        let inputs = own.inputs
        sectionBlocks.withLock { $0[key] = (html, inputs) }
        log?.record(contentsOf: inputs)
        return html
    }
}
