/// What a template name can stand for. Page contexts are made of these, so rendering never
/// casts or reflects: it switches on the case.
///
/// Empty text and empty lists are false in a section and render as nothing, but they are
/// still *there*: a name that has one never falls through to a same-named value of an
/// enclosing context (`{{#author}}…{{/author}}` inside a document stays empty for a document
/// with no author, whatever the page around it has).
public enum TemplateValue: Sendable {
    /// Escaped by `{{name}}`, written as it is by `{{{name}}}`.
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(any TemplateObject)
    /// Present, empty and false (an absent optional).
    case blank

    /// Whether a section over this value renders (and an inverted one does not).
    var isTruthy: Bool {
        switch self {
        case .text(let text): !text.isEmpty
        case .number: true
        case .flag(let flag): flag
        case .list(let items): !items.isEmpty
        case .object: true
        case .blank: false
        }
    }
}

/// A value with named fields: a page model, or a dictionary (``TemplateDictionary``).
public protocol TemplateObject: Sendable {
    /// The value of field `name`, or nil if this object has no such field (then the names
    /// of enclosing contexts are tried, as Mustache's context stack does).
    func field(_ name: String) -> TemplateValue?
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
}

extension TemplateValue {
    /// An optional value, or blank.
    public static func maybe(_ value: TemplateValue?) -> TemplateValue { value ?? .blank }
    /// Text items as a list.
    public static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.text)) }
    /// Objects as a list.
    public static func objects(_ items: [some TemplateObject]) -> TemplateValue { .list(items.map { .object($0) }) }
}
