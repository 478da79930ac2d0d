import Mustache

/// Makes swift-mustache escape `{{value}}` with the project's byte-level escaper.
///
/// swift-mustache escapes through a content type, chosen per template by the pragma
/// `{{% CONTENT_TYPE: name}}`; its built-in HTML type looks every `Character` up in a
/// dictionary, which was a quarter of a build. ``TemplateSet`` puts this pragma in front of
/// every template it loads, so editors write plain Mustache and `{{value}}` stays escaped (the
/// same `&`, `<`, `>` and `"` as the Markdown bodies; `'` needs no escaping in text or in the
/// double-quoted attributes the templates use).
enum TemplateEscaping {
    static let contentTypeName = "STRATEGYSITE_HTML"
    /// On a line of its own, which Mustache drops whole, so line 2 of what is parsed is line 1
    /// of the editor's file.
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName)}}\n"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    /// Registers the content type with swift-mustache, once per process.
    static let register: Void = MustacheContentTypes.register(ContentType(), named: contentTypeName)
}
