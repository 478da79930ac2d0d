/// A document after parsing: its tree ready to render, its sections, and the references the
/// link stage must check.
public struct ParsedDocument: Sendable {
    public var source: SourceDocument
    public var blocks: [MarkdownNode]
    /// Every top-level heading, in order, with the themes that apply to its section.
    public var sections: [Section]
    /// The text before the first heading, for the search index.
    public var opening: String
    /// `doc:`, `theme:` and `indicator:` links, and theme comments, with where they were written.
    public var references: [Reference]

    public var slug: String { source.slug }
    public var metadata: DocumentMetadata { source.metadata }

    public func section(_ anchor: String) -> Section? { sections.first { $0.anchor == anchor } }
}

/// A heading and the text under it, up to the next heading of the same or a higher level.
public struct Section: Sendable, Hashable {
    public var anchor: String
    public var title: String
    public var level: Int
    /// Themes named in the section's comment, or inherited from its parent section.
    public var themes: [String]
    /// Whether `themes` were named on this heading rather than inherited.
    public var themesDeclared: Bool
    public var parentAnchor: String?
    /// The first words of the section's own text, for theme pages and search results.
    public var excerpt: String
    /// The section's own text (not its subsections'), for the search index.
    public var text: String
    public var location: SourceLocation
}

/// A reference from content to something that must exist.
public struct Reference: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case link, themeComment }
    public var kind: Kind
    /// `doc:slug#anchor`, `theme:id` or `indicator:id`; a theme comment entry is `theme:id`.
    public var target: String
    public var location: SourceLocation
}
