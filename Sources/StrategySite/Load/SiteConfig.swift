import Yams

/// `Content/site.yml`: the site's title, language, strategies in order, and the governments
/// used to say under whom a document was published.
public struct SiteConfig: Sendable {
    public var title: String
    public var language: String
    public var description: String
    /// Absolute URL the site is published at; used only for the sitemap and feed.
    public var baseURL: String?

    /// `path` (from the site's root) at the published address, when there is a base URL.
    public func absoluteURL(_ path: String) -> String? {
        baseURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + path }
    }
    public var strategies: [Strategy]
    public var governments: [Government]
    /// How readers reach the team (an email address or a web address), for the accessibility
    /// statement; empty when site.yml names none.
    public var contact: String = ""
    /// ``contact`` as a link target: `mailto:` before an email address, a web address as is.
    public var contactHref: String {
        contact.isEmpty || contact.hasPrefix("http://") || contact.hasPrefix("https://") ? contact : "mailto:" + contact
    }
    /// How many entries a list that grows with the library shows on one page (the sections of
    /// a theme, the documents of a strategy, the mentions of an indicator…) before the rest go
    /// to further pages (``Pager``).
    public var pageSize = SiteConfig.defaultPageSize
    public static let defaultPageSize = 50

    public init(title: String, language: String = "en-GB", description: String = "", baseURL: String? = nil,
                strategies: [Strategy], governments: [Government] = []) {
        self.title = title
        self.language = language
        self.description = description
        self.baseURL = baseURL
        self.strategies = strategies
        self.governments = governments
    }

    public func strategy(_ id: String) -> Strategy? { strategies.first { $0.id == id } }

    /// The government in office on `date`, if the site names one.
    public func government(on date: PublicationDate) -> Government? {
        governments.first { $0.from <= date && (($0.to.map { date < $0 }) ?? true) }
    }

    static let fields = ["title", "language", "description", "base-url", "strategies", "governments", "contact", "page-size"]

    static func decode(_ yaml: YAMLDocument, _ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        guard let fields = yaml.rootFields(expecting: "site.yml", diagnostics: &diagnostics) else { return nil }
        fields.rejectUnknownKeys(allowed: Self.fields, in: "site.yml", &diagnostics)
        let title = fields.string("title", required: true, &diagnostics) ?? "Untitled"
        let language = fields.string("language", &diagnostics) ?? "en-GB"
        var baseURL = fields.string("base-url", &diagnostics)
        if let url = baseURL, let problem = BaseURL.problem(url) {
            diagnostics.append(.error("'base-url' \(problem)", at: fields.location(of: "base-url")))
            baseURL = nil
        }
        var strategies: [Strategy] = []
        if let node = fields.value("strategies"), let mapping = node.mapping {
            var seen: [String: Int] = [:]
            for (key, value) in mapping {
                guard let id = strategyKey(key, yaml, seen: &seen, &diagnostics) else { continue }
                guard let entry = yaml.fields(of: value, expecting: "a strategy", diagnostics: &diagnostics) else { continue }
                strategies.append(Strategy.decode(id: id, entry, &diagnostics))
            }
        } else {
            diagnostics.append(.error("'strategies' must map each strategy key to its title, in order", at: fields.location(of: "strategies"),
                                      hint: "strategies: { \"2010\": { title: Drug Strategy 2010 } }"))
        }
        var governments: [Government] = []
        for entry in fields.children("governments", expecting: "a government", &diagnostics) {
            if let government = Government.decode(entry, &diagnostics) { governments.append(government) }
        }
        var config = SiteConfig(title: title, language: language, description: fields.string("description", &diagnostics) ?? "",
                                baseURL: baseURL, strategies: strategies, governments: governments)
        if let contact = fields.string("contact", &diagnostics), !contact.isEmpty {
            if contact.contains("@") ? contact.contains(where: \.isWhitespace) : BaseURL.problem(contact, allowingQuery: true) != nil {
                diagnostics.append(.error("'contact' must be an email address or an http(s) address", at: fields.location(of: "contact")))
            } else {
                config.contact = contact
            }
        }
        if let text = fields.string("page-size", &diagnostics) {
            if let size = Int(text), (1...10_000).contains(size) {
                config.pageSize = size
            } else {
                diagnostics.append(.error("'page-size' must be a whole number from 1 to 10000, got '\(text)'", at: fields.location(of: "page-size"),
                                          hint: "page-size: \(Self.defaultPageSize)"))
            }
        }
        return config
    }

    /// A strategy key names the strategy's page (`strategies/2010.html`) and ids on others
    /// (`strategy-2010`), so it has the shape of every id: `[a-z0-9]+(-[a-z0-9]+)*`. Keys are
    /// compared as written, so `2010:` and `"2010":` are one key written twice.
    static func strategyKey(_ key: Node, _ yaml: YAMLDocument, seen: inout [String: Int], _ diagnostics: inout [Diagnostic]) -> String? {
        let location = yaml.location(of: key)
        guard let id = key.scalar?.string else {
            diagnostics.append(.error("a strategy key must be a single value such as \"2010\", not a list or mapping", at: location))
            return nil
        }
        guard Identifier.isValid(id) else {
            diagnostics.append(.error("strategy key '\(id)' must be lower-case letters, digits and single hyphens", at: location,
                                      hint: "for example \"2010\" or \"2010-local\""))
            return nil
        }
        if let first = seen[id] {
            diagnostics.append(.error("duplicate strategy key '\(id)': it is already set at line \(first)", at: location,
                                      hint: "2010 and \"2010\" are the same key; keep one"))
            return nil
        }
        seen[id] = location.line
        return id
    }
}

/// One generation of the strategy, e.g. "2010".
public struct Strategy: Sendable, Hashable {
    public var id: String
    public var title: String
    public var shortTitle: String
    public var published: PublicationDate?
    public var summary: String
    /// The strategy's headline ambitions, in its own words.
    public var ambitions: [String]
    /// The themes the strategy names for itself, in its own words.
    public var ownThemes: [String]

    static let fields = ["title", "short-title", "published", "summary", "ambitions", "themes"]

    static func decode(id: String, _ fields: YAMLFields, _ diagnostics: inout [Diagnostic]) -> Strategy {
        fields.rejectUnknownKeys(allowed: Self.fields, in: "strategy '\(id)'", &diagnostics)
        let title = fields.string("title", required: true, &diagnostics) ?? id
        return Strategy(id: id, title: title, shortTitle: fields.string("short-title", &diagnostics) ?? "\(id) strategy",
                        published: fields.date("published", &diagnostics), summary: fields.string("summary", &diagnostics) ?? "",
                        ambitions: fields.list("ambitions", &diagnostics).map(\.value),
                        ownThemes: fields.list("themes", &diagnostics).map(\.value))
    }
}

/// A UK government, so a page can say under whom a document was published.
public struct Government: Sendable, Hashable {
    public var name: String
    public var from: PublicationDate
    public var to: PublicationDate?

    static func decode(_ fields: YAMLFields, _ diagnostics: inout [Diagnostic]) -> Government? {
        fields.rejectUnknownKeys(allowed: ["name", "from", "to"], in: "government", &diagnostics)
        let to = fields.date("to", &diagnostics)
        guard let name = fields.string("name", required: true, &diagnostics),
              let from = fields.date("from", required: true, &diagnostics) else { return nil }
        return Government(name: name, from: from, to: to)
    }
}
