/// A canonical theme: one subject followed across the strategies, whatever each calls it.
public struct Theme: Sendable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    /// What each strategy calls this theme, keyed by strategy id.
    public var names: [String: String]
    public var location: SourceLocation

    static let fields = ["id", "title", "summary", "names"]

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
        return Theme(id: id, title: fields.string("title", required: true, &diagnostics) ?? id,
                     summary: fields.string("summary", &diagnostics) ?? "", names: names, location: fields.location)
    }
}
