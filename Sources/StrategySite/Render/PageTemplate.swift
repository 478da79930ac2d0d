/// The templates the renderer renders by name. Each one must be in `Templates/` when the
/// templates load (a located error otherwise), so rendering can never ask for a template the
/// site does not have: there is no name to mistype.
public enum PageTemplate: String, CaseIterable, Sendable {
    case home, document, theme, themes, indicators, indicator, strategy, search, accessibility, print
    case notFound = "not-found"
    /// The block under each heading: rendered by the code that writes a document's body, not
    /// through a page template's `{{> partial}}`, so nothing else would notice it missing.
    case sectionThemes = "partials/section-themes"
}
