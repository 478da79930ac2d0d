/// Something the strategies measure: a PSA, a national indicator, an outcome, a measure or a
/// headline figure.
public struct Indicator: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case psa, nationalIndicator = "national-indicator", outcome, measure, figure

        public var title: String {
            switch self {
            case .psa: return "Public service agreements"
            case .nationalIndicator: return "National indicators"
            case .outcome: return "Outcomes"
            case .measure: return "Outcome measures"
            case .figure: return "Headline figures"
            }
        }
    }

    /// A figure with its date and the document it comes from.
    public struct Value: Sendable, Hashable {
        public var value: String
        public var date: String
        public var source: String
        public var note: String
        /// The number in `value` ("8.8%" gives 8.8, "£1.5 billion" gives 1.5), for charts.
        public var number: Double? {
            var digits = ""
            var started = false
            for character in value {
                if character.isNumber || (character == "." && started) { digits.append(character); started = true }
                else if character == "," && started { continue }
                else if started { break }
            }
            return Double(digits)
        }
    }

    public var id: String
    public var code: String
    public var title: String
    public var strategy: String
    public var kind: Kind
    public var parent: String?
    public var themes: [String]
    public var aliases: [String]
    public var localMonitoring: String
    public var description: String
    public var related: [String]
    public var values: [Value]
    /// Where each id-valued field was written, for errors found when linking.
    public var location: SourceLocation
    var referenceLocations: [String: [(id: String, location: SourceLocation)]] = [:]

    public static func == (a: Indicator, b: Indicator) -> Bool { a.id == b.id && a.location == b.location }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Every form of the code a reader might type or an author might write: the code, its
    /// aliases, and the code without spaces (`NI 149`, `NI149`).
    public var mentionForms: [String] {
        var forms: [String] = []
        for form in [code] + aliases where !form.isEmpty {
            for variant in [form, form.replacingOccurrences(of: " ", with: "")] where !forms.contains(variant) {
                forms.append(variant)
            }
        }
        return forms
    }

    static let fields = ["id", "code", "title", "strategy", "kind", "parent", "themes", "aliases", "local-monitoring",
                         "description", "related", "values"]

    static func decode(_ fields: YAMLFields, _ diagnostics: inout [Diagnostic]) -> Indicator? {
        fields.rejectUnknownKeys(allowed: Self.fields, in: "indicator", &diagnostics)
        guard let id = fields.string("id", required: true, &diagnostics) else { return nil }
        if !Identifier.isValid(id) {
            diagnostics.append(.error("indicator id '\(id)' must be lower-case letters, digits and single hyphens", at: fields.location(of: "id")))
        }
        let kindText = fields.string("kind", required: true, &diagnostics) ?? ""
        let kind = Kind(rawValue: kindText)
        if kind == nil && !kindText.isEmpty {
            diagnostics.append(.error("unknown kind '\(kindText)'", at: fields.location(of: "kind"),
                                      hint: "kinds: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var values: [Value] = []
        for entry in fields.children("values", expecting: "a value", &diagnostics) {
            entry.rejectUnknownKeys(allowed: ["value", "date", "source", "note"], in: "value", &diagnostics)
            guard let value = entry.string("value", required: true, &diagnostics) else { continue }
            values.append(Value(value: value, date: entry.string("date", required: true, &diagnostics) ?? "",
                                source: entry.string("source", &diagnostics) ?? "", note: entry.string("note", &diagnostics) ?? ""))
        }
        let themes = fields.list("themes", &diagnostics)
        let related = fields.list("related", &diagnostics)
        let parent = fields.string("parent", &diagnostics)
        var indicator = Indicator(
            id: id,
            code: fields.string("code", &diagnostics) ?? "",
            title: fields.string("title", required: true, &diagnostics) ?? id,
            strategy: fields.string("strategy", required: true, &diagnostics) ?? "",
            kind: kind ?? .figure,
            parent: parent,
            themes: themes.map(\.value),
            aliases: fields.list("aliases", &diagnostics).map(\.value),
            localMonitoring: fields.string("local-monitoring", &diagnostics) ?? "",
            description: fields.string("description", &diagnostics) ?? "",
            related: related.map(\.value),
            values: values,
            location: fields.location)
        indicator.referenceLocations = [
            "themes": themes.map { ($0.value, $0.location) },
            "related": related.map { ($0.value, $0.location) },
            "parent": parent.map { [($0, fields.location(of: "parent"))] } ?? [],
            "strategy": [(indicator.strategy, fields.location(of: "strategy"))],
            "code": [(indicator.code, fields.location(of: "code"))],
        ]
        return indicator
    }
}
