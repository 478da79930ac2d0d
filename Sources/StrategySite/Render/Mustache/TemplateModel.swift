/// A typed value templates read by name: a page's model or one item of a list on it.
///
/// Each model lists its fields once, in ``fields``: the name a template writes, how to read it
/// from the model, and what it holds. Rendering reads a field through that table (one
/// dictionary lookup and a closure call; no reflection, no casts), and `check` walks the
/// templates with the same table to report names no model has (``TemplateNameCheck``).
public protocol TemplateModel: TemplateObject {
    static var fields: [String: TemplateField<Self>] { get }
}

extension TemplateModel {
    public func field(_ name: String) -> TemplateValue? { Self.fields[name]?.read(self) }

    /// What each field holds, for ``TemplateNameCheck``.
    public static var shape: TemplateShape.Fields { TemplateShape.Fields { fields.mapValues(\.shape) } }

    /// The model as a template value.
    public var templateValue: TemplateValue { .object(self) }
}

/// What a field holds, as far as names go: a value, an object with fields of its own, or a
/// list (of objects with fields, or of plain values read as `{{.}}`).
public indirect enum TemplateShape: Sendable {
    case value
    case object(Fields)
    case list(Fields?)
    /// Anything: what a transitional dictionary holds, not checked.
    case any

    /// Field names and shapes, made when asked for (so models may nest in any order).
    public struct Fields: Sendable {
        let make: @Sendable () -> [String: TemplateShape]
        public init(_ make: @escaping @Sendable () -> [String: TemplateShape]) { self.make = make }
        public var names: [String: TemplateShape] { make() }
    }
}

/// One named field of a model `Model`.
public struct TemplateField<Model>: Sendable {
    let read: @Sendable (Model) -> TemplateValue
    let shape: TemplateShape

    public init(shape: TemplateShape, _ read: @escaping @Sendable (Model) -> TemplateValue) {
        self.read = read
        self.shape = shape
    }

    /// Text, escaped by `{{name}}`; HTML made by the build, written by `{{{name}}}`.
    public static func text(_ read: @escaping @Sendable (Model) -> String) -> Self { Self(shape: .value) { .text(read($0)) } }
    public static func number(_ read: @escaping @Sendable (Model) -> Int) -> Self { Self(shape: .value) { .number(read($0)) } }
    public static func flag(_ read: @escaping @Sendable (Model) -> Bool) -> Self { Self(shape: .value) { .flag(read($0)) } }
    /// A list of texts, each read as `{{.}}`.
    public static func texts(_ read: @escaping @Sendable (Model) -> [String]) -> Self { Self(shape: .list(nil)) { .texts(read($0)) } }
    /// A model inside this one, or blank when there is none.
    public static func object<Inner: TemplateModel>(_ read: @escaping @Sendable (Model) -> Inner?) -> Self {
        Self(shape: .object(Inner.shape)) { read($0).map { .object($0) } ?? .blank }
    }
    /// A list of models.
    public static func list<Item: TemplateModel>(_ read: @escaping @Sendable (Model) -> [Item]) -> Self {
        Self(shape: .list(Item.shape)) { .list(read($0).map { .object($0) }) }
    }
}
