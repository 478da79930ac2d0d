import Foundation

/// Fragments that many pages show the same, rendered once per build and shared between the
/// threads that render pages.
///
/// The block under a themed heading lists the themes and the other strategies' sections on
/// them; it depends only on the section's themes, whether they are inherited and the
/// document's strategy (every document page sits at the same depth), so a library of a
/// thousand documents with a few dozen theme combinations renders a few dozen blocks, not
/// thousands. Two threads missing the same key at once both render it; the results are equal.
final class RenderCache: @unchecked Sendable {
    struct SectionKey: Hashable {
        var themes: [String]
        var inherited: Bool
        var strategy: String
    }

    private let lock = NSLock()
    private var sectionBlocks: [SectionKey: String] = [:]

    func sectionBlock(_ key: SectionKey, render: () -> String) -> String {
        if let found = lock.withLock({ sectionBlocks[key] }) { return found }
        let rendered = render()
        lock.withLock { sectionBlocks[key] = rendered }
        return rendered
    }
}
