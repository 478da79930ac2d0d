/// A canonical theme: one subject followed across the strategies, whatever each calls it.
public struct Theme: Sendable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    /// What each strategy calls this theme, keyed by strategy id.
    public var names: [String: String]
    /// Editors' notes on what a strategy says of the theme beyond the sections here (a
    /// chapter the documents leave out, say), each with the place a document says so.
    public var notes: [Note] = []
    public var location: SourceLocation

    /// One editor's note on a theme in one strategy, shown in that strategy's column of the
    /// theme page. `source` (`doc:slug#anchor`) is checked as any `doc:` link is.
    public struct Note: Sendable, Hashable {
        public var strategy: String
        public var text: String
        public var source: String
        public var sourceLocation: SourceLocation
    }

    static let fields = ["id", "title", "summary", "names", "notes"]
    static let noteFields = ["strategy", "text", "source"]

    static func decode(_ fields: YAMLFields, strategies: [Strategy], _ diagnostics: inout [Diagnostic]) -> Theme? {
        fields.rejectUnknownKeys(allowed: Self.fields, in: "theme", &diagnostics)
        guard let id = fields.string("id", required: true, &diagnostics) else { return nil }
        if !Identifier.isValid(id) {
            diagnostics.append(.error("theme id '\(id)' must be lower-case letters, digits and single hyphens", at: fields.location(of: "id")))
        }
        var names: [String: String] = [:]
        for (strategy, name, location) in fields.stringMap("names", &diagnostics) {
            if !strategies.isEmpty, !strategies.contains(where: { $0.id == strategy }) {
                diagnostics.append(.error("unknown strategy '\(strategy)' in theme names", at: location,
                                          hint: "strategies in site.yml: \(strategies.map(\.id).joined(separator: ", "))"))
            }
            names[strategy] = name
        }
        var notes: [Note] = []
        for entry in fields.children("notes", expecting: "notes (strategy, text, source)", &diagnostics) {
            entry.rejectUnknownKeys(allowed: Self.noteFields, in: "theme note", &diagnostics)
            guard let strategy = entry.string("strategy", required: true, &diagnostics),
                  let text = entry.string("text", required: true, &diagnostics) else { continue }
            if !strategies.isEmpty, !strategies.contains(where: { $0.id == strategy }) {
                diagnostics.append(.error("unknown strategy '\(strategy)' in theme note", at: entry.location(of: "strategy"),
                                          hint: "strategies in site.yml: \(strategies.map(\.id).joined(separator: ", "))"))
            }
            let source = entry.string("source", &diagnostics) ?? ""
            notes.append(Note(strategy: strategy, text: text, source: source, sourceLocation: entry.location(of: "source")))
        }
        return Theme(id: id, title: fields.string("title", required: true, &diagnostics) ?? id,
                     summary: fields.string("summary", &diagnostics) ?? "", names: names, notes: notes, location: fields.location)
    }
}
