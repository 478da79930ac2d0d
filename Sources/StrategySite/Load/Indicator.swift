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

    /// A figure as one document writes it, with the place it is written and the period the
    /// source gives for it.
    public struct Value: Sendable, Hashable {
        /// The figure exactly as written in the source (`"8.8%"`, `"About 41"`).
        public var value: String
        /// The period the source gives for the figure (`"2009/10"`), as written in the same
        /// place, or ``noPeriod``.
        public var date: String
        /// Where the figure is written: `doc:slug#anchor` (a section's own text) or `doc:slug`
        /// (the text before the document's first heading). An older form, a document's
        /// extraction file name, is still read but cannot be checked.
        public var source: String
        /// The place `source` names, when it is a `doc:` reference: read once, when
        /// indicators.yml is loaded.
        public var place: Place?
        /// Words of the source that qualify the figure ("per year"), as written in the same place.
        public var note: String
        /// An editor's remark, not the source's words; shown marked as an editorial note.
        public var editorial: String = ""
        /// Which run of comparable figures it belongs to; only values of one series, from one
        /// place, are drawn as a chart together.
        public var series: String = ""
        /// Where `value`, `source` and `note` were written in indicators.yml.
        public var location = SourceLocation(path: "")
        public var sourceLocation = SourceLocation(path: "")
        public var dateLocation = SourceLocation(path: "")
        public var noteLocation = SourceLocation(path: "")

        /// The `date` that says the source gives no period for the figure.
        public static let noPeriod = "none"

        public var hasPeriod: Bool { date != Self.noPeriod }

        /// A document and a section of it ("" for the text before the first heading).
        public struct Place: Sendable, Hashable {
            public var slug: String
            public var anchor: String
        }

        /// The place a `doc:` source names, by ``SiteReference``'s parser. A `doc:` that names
        /// no document is the place of no known document (reported as such), not a file name.
        static func place(of source: String) -> Place? {
            guard source.hasPrefix("doc:") else { return nil }
            guard case .document(let slug, let anchor)? = SiteReference(source) else { return Place(slug: "", anchor: "") }
            return Place(slug: slug, anchor: anchor ?? "")
        }

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

        static let fields = ["value", "date", "source", "note", "editorial", "series"]

        static func decode(_ entry: YAMLFields, _ diagnostics: inout [Diagnostic]) -> Value? {
            entry.rejectUnknownKeys(allowed: Self.fields, in: "value", &diagnostics)
            guard let value = entry.string("value", required: true, &diagnostics) else { return nil }
            let source = entry.string("source", &diagnostics) ?? ""
            if source.isEmpty {
                diagnostics.append(.warning("value '\(value)' does not say where it is written", at: entry.location(of: "value"),
                                            hint: "add source: doc:<document slug>#<section anchor>"))
            }
            return Value(value: value, date: entry.string("date", required: true, &diagnostics) ?? "", source: source,
                         place: Self.place(of: source), note: entry.string("note", &diagnostics) ?? "", editorial: entry.string("editorial", &diagnostics) ?? "",
                         series: entry.string("series", &diagnostics) ?? "", location: entry.location(of: "value"),
                         sourceLocation: entry.location(of: "source"), dateLocation: entry.location(of: "date"),
                         noteLocation: entry.location(of: "note"))
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
        } else if id == "index" {
            // Each indicator's page is indicators/<id>.html, beside the lookup's own index.html.
            diagnostics.append(.error("indicator id 'index' is the lookup's own page", at: fields.location(of: "id"), hint: "choose another id, e.g. index-1"))
        }
        let kindText = fields.string("kind", required: true, &diagnostics) ?? ""
        let kind = Kind(rawValue: kindText)
        if kind == nil && !kindText.isEmpty {
            diagnostics.append(.error("unknown kind '\(kindText)'", at: fields.location(of: "kind"),
                                      hint: "kinds: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var values: [Value] = []
        for entry in fields.children("values", expecting: "a value", &diagnostics) {
            if let value = Value.decode(entry, &diagnostics) { values.append(value) }
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
