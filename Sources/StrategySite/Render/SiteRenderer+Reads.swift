/// The renderer's only way into the documents and indexes of the linked site: each accessor
/// records what it read (``PageInput``) in the log of the job being rendered, if any.
extension SiteRenderer {
    /// A copy that records what it reads into `log`.
    func reading(into log: ReadLog) -> SiteRenderer {
        var copy = self
        copy.log = log
        return copy
    }

    func record(_ input: PageInput) { log?.record(input) }

    /// The whole document, for its own page.
    func wholeDocument(_ slug: String) -> ParsedDocument? {
        record(.document(slug))
        return site.document(slug)
    }

    /// What another page may show of a document.
    func card(_ slug: String) -> DocumentCard? {
        record(.card(slug))
        return site.card(slug)
    }

    /// Every document's details, in site order.
    func documentList() -> [DocumentDetails] {
        record(.order)
        return site.documents.map(details)
    }

    /// Every document's slug, in site order.
    func documentSlugs() -> [String] {
        record(.order)
        return site.documents.map(\.slug)
    }

    /// One strategy's documents' details, in site order.
    func documentList(in strategy: String) -> [DocumentDetails] {
        record(.order)
        return site.documents(in: strategy).map(details)
    }

    /// The documents before and after one document.
    func neighbours(of slug: String) -> (previous: DocumentDetails?, next: DocumentDetails?) {
        record(.neighbours(slug))
        guard let index = site.position(of: slug) else { return (nil, nil) }
        let previous = index > 0 ? details(site.documents[index - 1]) : nil
        let next = index + 1 < site.documents.count ? details(site.documents[index + 1]) : nil
        return (previous, next)
    }

    private func details(_ document: ParsedDocument) -> DocumentDetails {
        record(.details(document.slug))
        return DocumentDetails(slug: document.slug, metadata: document.metadata)
    }

    /// A document's text for the search index: before the first heading, then each section's.
    func text(of slug: String) -> (opening: String, sections: [String])? {
        record(.text(slug))
        return site.document(slug).map { ($0.opening, $0.sections.map(\.text)) }
    }

    /// The passage of a section most about a theme, as HTML with the theme's words marked.
    func passage(of section: SectionReference, on theme: Theme) -> String? {
        record(.passages(slug: section.slug, theme: theme.id))
        guard let document = site.document(section.slug), let found = document.section(section.anchor) else { return nil }
        let make = { (themePassages[theme.id] ?? ThemePassage(theme)).html(found.text) }
        return documentParts?.part(.passage(anchor: section.anchor, theme: theme.id), of: document.slug, revision: document.revision, make) ?? make()
    }

    /// The sections tagged with a theme, in document order.
    func sections(onTheme id: String) -> [SectionReference] {
        record(.theme(id))
        return site.sectionsByTheme[id] ?? []
    }

    /// The sections of one strategy tagged with a theme, in document order.
    func sections(onTheme id: String, in strategy: String) -> [SectionReference] {
        record(.themeInStrategy(theme: id, strategy: strategy))
        return site.sectionsByThemeAndStrategy[id]?[strategy] ?? []
    }

    /// The page of theme `id` where the sections of `strategy` start.
    func columnStart(onTheme id: String, of strategy: String) -> Int {
        record(.themeStart(theme: id, strategy: strategy))
        return Self.columnStart(of: strategy, counts: (site.sectionsByThemeAndStrategy[id] ?? [:]).mapValues(\.count),
                                order: site.config.strategies.map(\.id), size: site.config.pageSize)
    }

    /// The sections that mention an indicator, in document order.
    func mentions(of indicator: String) -> [SectionReference] {
        record(.mentions(indicator))
        return site.mentionsByIndicator[indicator] ?? []
    }

    /// A section's counterparts in the other strategies, best first.
    func counterparts(of section: SectionReference) -> SectionCounterparts {
        record(.counterparts(section.slug))
        return site.counterparts.counterparts(of: section)
    }

    /// The indicator values written in a section.
    /// The notes of its document that a value's sentence refers to.
    func sourceNotes(of figure: FigureReference, in slug: String) -> [SourceNote] {
        record(.figures(slug))
        return site.sourceNotes[figure] ?? []
    }

    func figures(in section: SectionReference) -> [FigureReference] {
        record(.figures(section.slug))
        return site.figuresBySection[section] ?? []
    }

    /// The first document whose `source` field is `source` (values that name a file, not a place).
    func document(withSource source: String) -> DocumentDetails? {
        record(.order)
        for document in site.documents {
            let found = details(document)
            if found.metadata.source == source { return found }
        }
        return nil
    }

    /// Renders a template onto the end of `out` with a stack of contexts (innermost last),
    /// recording it and the partials it uses.
    func render(_ template: PageTemplate, _ stack: [TemplateValue], into out: inout [UInt8]) {
        recordReads(of: template)
        if let otherEngine {
            out += otherEngine(template.rawValue, stack)
        } else {
            templates.render(template, stack, into: &out)
        }
    }

    /// Records that the job reads `template` and every template it uses, as rendering it does:
    /// for a job that takes a page it rendered before instead of rendering it again.
    func recordReads(of template: PageTemplate) {
        // Only `serve` records; `build` renders every page and need not walk the partials.
        guard let log else { return }
        log.record(.template(template.rawValue))
        log.record(contentsOf: templates.dependencies(of: template.rawValue).map { PageInput.template($0) })
    }
}
