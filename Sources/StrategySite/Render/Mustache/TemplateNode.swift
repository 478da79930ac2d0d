/// One piece of a parsed template. Names are split at their dots and partials resolved to
/// their templates when the set is loaded, so rendering does no string work but lookups.
indirect enum TemplateNode: Sendable {
    /// Literal text, one line at most (ending with its newline), so an indented partial can
    /// indent each line as it writes it.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (as it is).
    case value(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`.
    case section(TemplateName, [TemplateNode])
    /// `{{^name}}…{{/name}}`.
    case inverted(TemplateName, [TemplateNode])
    /// `{{>name}}` (no blocks) or `{{<name}}…{{/name}}` (with the blocks it overrides):
    /// the index of the template in its ``MustacheTemplates``, or nil if it has none of
    /// that name (which renders nothing; ``TemplateSet`` reports it as an error).
    case partial(Int?, blocks: [String: [TemplateNode]], indentation: [UInt8])
    /// `{{$name}}default{{/name}}` outside a parent tag: an override's content or the default.
    case block(String, [TemplateNode], indentation: [UInt8])
}

/// A tag's name, split at its dots once: `document.title` is `["document", "title"]`, and the
/// implicit iterator `.` is no components.
struct TemplateName: Sendable, Hashable {
    var components: [String]
    /// Where the name is written in its template (a byte offset), for `check`'s warnings.
    var offset: Int

    init(_ text: String, offset: Int = 0) {
        components = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self.offset = offset
    }

    var text: String { components.isEmpty ? "." : components.joined(separator: ".") }
}
