/// A context written as a dictionary of names to values: for tests and small contexts.
/// Pages use typed models instead.
public struct TemplateDictionary: TemplateObject {
    public var values: [String: TemplateValue]

    public init(_ values: [String: TemplateValue]) { self.values = values }

    public func field(_ name: String) -> TemplateValue? { values[name] }
}
