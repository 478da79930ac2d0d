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
    /// Where the original publication is, when the source gives its address.
    public var originalURL: String = ""
    /// The licence or rights statement the source makes ("All rights reserved"), if any.
    public var rights: String = ""
    /// Changes made to the document since it was published, oldest first: its page history.
    public var updates: [Update] = []

    /// One change to a document, as GOV.UK lists them: when, and what changed.
    public struct Update: Sendable, Hashable {
        public var date: PublicationDate
        public var note: String
    }

    /// When the document last changed: its latest update, else its publication.
    public var lastUpdated: PublicationDate { updates.map(\.date).max() ?? published }

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

    static let fields = ["title", "strategy", "type", "published", "publisher", "author", "summary", "source",
                         "original-url", "rights", "updated"]

    /// The front matter's fields; with errors (reported) it still gives what it could read.
    static func decode(_ fields: YAMLFields, strategies: [Strategy], _ diagnostics: inout [Diagnostic]) -> DocumentMetadata {
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
        var metadata = DocumentMetadata(title: title ?? "", strategy: strategy ?? "", type: fields.string("type", &diagnostics) ?? "",
                                        published: published ?? Self.roughDate(fields), publisher: publisher,
                                        author: fields.string("author", &diagnostics) ?? "",
                                        summary: summary ?? "", source: fields.string("source", &diagnostics) ?? "")
        metadata.rights = fields.string("rights", &diagnostics) ?? ""
        if let url = fields.string("original-url", &diagnostics), !url.isEmpty {
            if let problem = BaseURL.problem(url, allowingQuery: true) {
                diagnostics.append(.error("'original-url' \(problem)", at: fields.location(of: "original-url")))
            } else {
                metadata.originalURL = url
            }
        }
        for entry in fields.children("updated", expecting: "an update (date and note)", &diagnostics) {
            entry.rejectUnknownKeys(allowed: ["date", "note"], in: "update", &diagnostics)
            guard let date = entry.date("date", required: true, &diagnostics), let note = entry.string("note", required: true, &diagnostics) else { continue }
            if let published, date < published {
                diagnostics.append(.error("update of \(date) is before the document was published (\(published))", at: entry.location(of: "date")))
            }
            metadata.updates.append(Update(date: date, note: note))
        }
        metadata.updates.sort { $0.date < $1.date }
        return metadata
    }

    /// What the rest of the site knows of a document whose front matter has errors: enough
    /// for its links and values to be checked (the errors already fail the build), so one
    /// typo does not make every link to it "unknown".
    static func stand(in slug: String) -> DocumentMetadata {
        DocumentMetadata(title: slug, strategy: "", published: PublicationDate(year: 1), publisher: "", summary: "")
    }

    /// The year of a date written wrongly (`2017-13`), or year 1.
    private static func roughDate(_ fields: YAMLFields) -> PublicationDate {
        var ignored: [Diagnostic] = []
        let text = fields.string("published", &ignored) ?? ""
        return PublicationDate(year: Int(text.prefix(4)).flatMap { $0 >= 1 ? $0 : nil } ?? 1)
    }
}
