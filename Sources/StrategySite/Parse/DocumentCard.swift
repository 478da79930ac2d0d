/// What pages other than its own show of a document: its details and its sections' titles,
/// excerpts and themes. Kept apart from the body so a page that lists documents can only
/// read this, and an edit that leaves the card as it was re-renders none of those pages.
public struct DocumentCard: Sendable, Hashable {
    public struct SectionCard: Sendable, Hashable {
        public var anchor: String
        public var title: String
        public var excerpt: String
        public var themes: [String]
    }

    public var slug: String
    public var metadata: DocumentMetadata
    public var sections: [SectionCard]
    /// Positions in `sections` by anchor (the first, should two share one), so finding a
    /// section does not scan them all. The document's own sections share these positions.
    private var sectionIndex: [String: Int]

    init(slug: String, metadata: DocumentMetadata, sections: [Section]) {
        self.slug = slug
        self.metadata = metadata
        self.sections = sections.map { SectionCard(anchor: $0.anchor, title: $0.title, excerpt: $0.excerpt, themes: $0.themes) }
        sectionIndex = Dictionary(sections.indices.map { (sections[$0].anchor, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func section(_ anchor: String) -> SectionCard? { sectionIndex[anchor].map { sections[$0] } }
    func position(of anchor: String) -> Int? { sectionIndex[anchor] }

    public static func == (a: DocumentCard, b: DocumentCard) -> Bool {
        a.slug == b.slug && a.metadata == b.metadata && a.sections == b.sections
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(slug)
        hasher.combine(sections)
    }
}

/// A document as lists of documents show it: its address and front matter, not its sections.
public struct DocumentDetails: Sendable, Hashable {
    public var slug: String
    public var metadata: DocumentMetadata
}
