/// The whole site after linking: documents in reading order, every cross-reference checked,
/// and the indexes the pages need (sections per theme, mentions per indicator).
public struct LinkedSite: Sendable {
    public var config: SiteConfig
    public var themes: [Theme]
    public var indicators: [Indicator]
    /// In site order: by strategy as site.yml lists them, then by publication date, then title.
    public var documents: [ParsedDocument]
    /// Sections tagged with each theme, in document order.
    public var sectionsByTheme: [String: [SectionReference]]
    /// Sections that mention each indicator (auto-linked or linked by hand), in document order.
    public var mentionsByIndicator: [String: [SectionReference]]

    public func document(_ slug: String) -> ParsedDocument? { documents.first { $0.slug == slug } }
    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }
    public func documents(in strategy: String) -> [ParsedDocument] { documents.filter { $0.metadata.strategy == strategy } }
}

/// A section of a document, as other pages point to it.
public struct SectionReference: Sendable, Hashable {
    public var slug: String
    public var anchor: String
    public var strategy: String
}
