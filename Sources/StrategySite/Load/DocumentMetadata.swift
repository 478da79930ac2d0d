/// A document's front matter, as the content contract defines it.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String
    public var strategy: String
    /// What kind of publication it is: "Guide", "Briefing", "Strategy summary"...
    public var type: String
    public var published: PublicationDate
    /// Who published it, when the source says; empty when it does not (pages then say so).
    public var publisher: String
    public var author: String
    public var summary: String
    /// The file the text was taken from, when it was converted from another source. For
    /// editors only: pages never show it.
    public var source: String

    public init(title: String, strategy: String, type: String = "", published: PublicationDate, publisher: String,
                author: String = "", summary: String, source: String = "") {
        self.title = title
        self.strategy = strategy
        self.type = type
        self.published = published
        self.publisher = publisher
        self.author = author
        self.summary = summary
        self.source = source
    }

    static let fields = ["title", "strategy", "type", "published", "publisher", "author", "summary", "source"]

    static func decode(_ fields: YAMLFields, strategies: [Strategy], _ diagnostics: inout [Diagnostic]) -> DocumentMetadata? {
        let before = diagnostics.count
        fields.rejectUnknownKeys(allowed: Self.fields, in: "front matter", &diagnostics)
        let title = fields.string("title", required: true, &diagnostics)
        let strategy = fields.string("strategy", required: true, &diagnostics)
        let published = fields.date("published", required: true, &diagnostics)
        let publisher = fields.string("publisher", &diagnostics) ?? ""
        let summary = fields.string("summary", required: true, &diagnostics)
        if let strategy, !strategies.isEmpty, !strategies.contains(where: { $0.id == strategy }) {
            let known = strategies.map(\.id)
            diagnostics.append(.error("unknown strategy '\(strategy)'", at: fields.location(of: "strategy"),
                                      hint: (strategy.closest(in: known).map { "did you mean '\($0)'? " } ?? "") + "strategies in site.yml: \(known.joined(separator: ", "))"))
        }
        guard diagnostics.count == before, let title, let strategy, let published, let summary else { return nil }
        return DocumentMetadata(title: title, strategy: strategy, type: fields.string("type", &diagnostics) ?? "",
                                published: published, publisher: publisher, author: fields.string("author", &diagnostics) ?? "",
                                summary: summary, source: fields.string("source", &diagnostics) ?? "")
    }
}
