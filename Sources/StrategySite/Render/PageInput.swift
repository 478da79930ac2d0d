/// One thing a page read from the linked site while it was rendered.
///
/// The renderer records these as it goes (``ReadLog``), through the accessors in
/// `SiteRenderer+Reads.swift`, which are the only way it reads documents and indexes. `serve`
/// keeps each page's inputs and, after an edit, re-renders the pages that read an input that
/// changed, so what a page depends on is what it read, not a rule kept beside the renderer.
///
/// The data files (`site.yml`, `themes.yml`, `indicators.yml`) are not inputs: any page may
/// read them, and a change to one rebuilds the whole site.
enum PageInput: Hashable, Sendable {
    /// Everything of one document; only its own page reads this.
    case document(String)
    /// A document's details (``DocumentDetails``), as lists of documents show them.
    case details(String)
    /// What other pages show of a document's sections: its ``DocumentCard``.
    case card(String)
    /// A document's text, for the search index.
    case text(String)
    /// Which documents there are, in which strategy, and their order.
    case order
    /// The documents before and after one document.
    case neighbours(String)
    /// The sections tagged with a theme.
    case theme(String)
    /// The sections of one strategy tagged with a theme.
    case themeInStrategy(theme: String, strategy: String)
    /// The page of a theme where one strategy's sections on it start.
    case themeStart(theme: String, strategy: String)
    /// The sections that mention an indicator.
    case mentions(String)
    /// The indicator values found in a document's text.
    case figures(String)
    /// The passage of a document's sections most about a theme (theme pages' excerpts).
    case passages(slug: String, theme: String)
    /// The counterparts of a document's sections in the other strategies.
    case counterparts(String)
    /// A template or partial, by name.
    case template(String)
}
