import Mustache

/// A value that is present but empty: renders as nothing, counts as false in a section.
struct Blank: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
