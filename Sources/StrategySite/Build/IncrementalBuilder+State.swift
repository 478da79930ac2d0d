/// What IncrementalBuilder keeps between rebuilds: each document's parse, the pending work,
/// and what other pages show of each document.
extension IncrementalBuilder {
    struct DocumentEntry: Sendable {
        var parsed: ParsedDocument?
        var diagnostics: [Diagnostic]
    }

    /// Changes not yet rendered: built up while the site has errors.
    struct Pending {
        var all = false
        var documents: Set<String> = []
        var templates: Set<String> = []
        var isEmpty: Bool { !all && documents.isEmpty && templates.isEmpty }
    }

    /// What other pages show of a document: its details and its sections' titles, excerpts and
    /// themes. Other document pages, theme pages, strategy pages, the theme index and the home
    /// page show nothing else of it (the tests compare every rebuild with a full build), so an
    /// edit that leaves the card as it was renders none of them.
    struct DocumentCard: Hashable, Sendable {
        struct SectionCard: Hashable, Sendable {
            var anchor: String
            var title: String
            var excerpt: String
            var themes: [String]
        }
        var metadata: DocumentMetadata
        var sections: [SectionCard]
    }

    /// The last good render.
    struct RenderedState: Sendable {
        var site: LinkedSite
        /// Page path to the template it was rendered with ("" for data files).
        var pageTemplates: [String: String]
        var templateNames: Set<String>
        var cards: [String: DocumentCard]
        var year: Int
        var supportsIncremental: Bool
    }
}
