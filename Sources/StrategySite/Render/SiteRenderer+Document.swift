/// The page of one document: metadata, context banner, contents, the text, and per section
/// its themes and the same themes in the other strategies.
extension SiteRenderer {
    /// The partial each themed section of a document renders, outside any page template.

    /// The page of document `slug` and its citation files (BibTeX and RIS); nothing when the
    /// site has no such document (its job makes no page).
    func renderDocument(_ slug: String) -> [RenderedPage] {
        guard let document = wholeDocument(slug) else { return [] }
        let path = SitePaths.document(slug)
        let meta = document.metadata
        let sectionsByAnchor = Dictionary(document.sections.map { ($0.anchor, $0) }, uniquingKeysWith: { a, _ in a })
        let strategyPath = SitePaths.strategy(meta.strategy)
        let siteRenderer = self
        let backLinks = Self.anchorsAfterLongSections(document)
        let body = document.body.assembled(before: { anchor in
            backLinks.contains(anchor) ? "<p class=\"back-to-contents\"><a href=\"#contents\">Back to contents</a></p>\n" : ""
        }, after: { anchor in
            guard let section = sectionsByAnchor[anchor] else { return "" }
            return siteRenderer.sectionBlock(section, in: document, from: path)
        })

        let neighbours = neighbours(of: slug)
        let cite = citation(document)
        let model = DocumentPage.Document(
            summary: documentSummary(DocumentDetails(slug: document.slug, metadata: document.metadata), from: path),
            // Figures the lookup takes from the text before the first heading link back from its top.
            bodyHTML: sectionBlock(nil, in: document, from: path) + body,
            citation: cite.text(), citationURL: cite.url(), citationIsAbsolute: cite.isAbsolute,
            bibtexHref: link(SitePaths.citation(slug, format: .bibtex), from: path), risHref: link(SitePaths.citation(slug, format: .ris), from: path),
            originalURL: meta.originalURL, rights: meta.rights,
            lastUpdated: meta.updates.isEmpty ? "" : meta.lastUpdated.description, lastUpdatedISO: meta.lastUpdated.iso,
            history: meta.updates.reversed().map { DocumentPage.Change(date: $0.date.description, dateISO: $0.date.iso, note: $0.note) },
            author: meta.author,
            strategyTitle: strategyTitle(meta.strategy), strategyHref: link(strategyPath, from: path),
            toc: tableOfContents(document), hasToc: document.sections.count > 1,
            breadcrumbs: [
                LabelledLink(label: "Home", href: link(SitePaths.home, from: path)),
                LabelledLink(label: strategyShortTitle(meta.strategy), href: link(strategyPath, from: path)),
            ],
            context: historicalContext(document, from: path),
            previous: neighbours.previous.map { documentSummary($0, from: path) },
            next: neighbours.next.map { documentSummary($0, from: path) })
        let metadata = PageFrame.Metadata(canonicalURL: cite.isAbsolute ? cite.address : "", type: "article",
                                          structuredDataJSON: cite.jsonLD)
        return [
            page(path, template: .document, title: meta.title, DocumentPage(document: model), scripts: ["assets/cite.js"], metadata: metadata),
            RenderedPage(path: SitePaths.citation(slug, format: .bibtex), contents: cite.bibtex, template: ""),
            RenderedPage(path: SitePaths.citation(slug, format: .ris), contents: cite.ris, template: ""),
        ]
    }

    /// What the partial under a heading shows: the section's themes (with the same themes in
    /// the other strategies) and the figures the indicator lookup takes from its text. `nil`
    /// stands for the text before the first heading, which has no themes.
    func sectionBlock(_ section: Section?, in document: ParsedDocument, from path: String) -> String {
        let reference = SectionReference(slug: document.slug, anchor: section?.anchor ?? "", strategy: document.metadata.strategy)
        let figures = figures(in: reference).compactMap { figure -> SectionThemes.Figure? in
            guard let indicator = site.indicator(figure.indicator), indicator.values.indices.contains(figure.value) else { return nil }
            return SectionThemes.Figure(value: indicator.values[figure.value].value, title: indicator.title, code: indicator.code,
                                        href: link(SitePaths.indicator(indicator.id), from: path))
        }
        let themes = section.map { !$0.themes.isEmpty } ?? false
        guard themes || !figures.isEmpty || section?.headingIndicators.isEmpty == false else { return "" }
        return renderSectionBlock(section, figures: figures, in: document, from: path)
    }

    private func renderSectionBlock(_ section: Section?, figures: [SectionThemes.Figure], in document: ParsedDocument, from path: String) -> String {
        var model = SectionThemes()
        if let section, !section.themes.isEmpty { model = sectionThemes(section, in: document, from: path) }
        model.figures = figures
        var named: [String] = []
        for id in section?.headingIndicators ?? [] where !named.contains(id) { named.append(id) }
        model.headingIndicators = named.compactMap { id in
            site.indicator(id).map { SectionThemes.HeadingIndicator(code: $0.code, title: $0.title, href: link(SitePaths.indicator(id), from: path)) }
        }
        var out: [UInt8] = []
        render(.sectionThemes, [model.templateValue], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The facts every form of the document's citation is made from.
    func citation(_ document: ParsedDocument) -> Citation {
        Citation(document: document.metadata, slug: document.slug, config: site.config, accessed: accessed)
    }

    /// How many counterparts of each other strategy a section's block lists after the best.
    static let moreCounterparts = 3

    /// Top-level sections (with their subsections) longer than this many words are followed by
    /// a "Back to contents" link, as GOV.UK's long publications do.
    static let longSectionWords = 350

    /// Anchors of the top-level headings that follow a long section.
    static func anchorsAfterLongSections(_ document: ParsedDocument) -> Set<String> {
        guard document.sections.count > 1, let top = document.sections.map(\.level).min() else { return [] }
        var result: Set<String> = []
        var words = 0
        var started = false
        for section in document.sections {
            if section.level == top {
                if started && words > longSectionWords { result.insert(section.anchor) }
                started = true
                words = 0
            }
            // Section text is one line with single spaces, so its words are its spaces plus one.
            words += section.text.isEmpty ? 0 : section.text.utf8.reduce(1) { $1 == UInt8(ascii: " ") ? $0 + 1 : $0 }
        }
        return result
    }

    /// Two levels of contents: the top-level sections and their direct subsections.
    func tableOfContents(_ document: ParsedDocument) -> [DocumentPage.TocEntry] {
        guard let top = document.sections.map(\.level).min() else { return [] }
        // Grouped in one pass: a document of thousands of sections must not cost their square.
        var childrenOf: [String: [DocumentPage.TocChild]] = [:]
        for section in document.sections where section.level == top + 1 {
            if let parent = section.parentAnchor { childrenOf[parent, default: []].append(DocumentPage.TocChild(title: section.title, anchor: section.anchor)) }
        }
        return document.sections.filter { $0.level == top }.map { section in
            DocumentPage.TocEntry(title: section.title, anchor: section.anchor, children: childrenOf[section.anchor] ?? [])
        }
    }

    /// A section's themes as links, and for each other strategy its counterparts there (the
    /// best first, then up to ``moreCounterparts`` more, each with the themes they share),
    /// then a link to every section of that strategy on each of the section's themes.
    func sectionThemes(_ section: Section, in document: ParsedDocument, from path: String) -> SectionThemes {
        let strategy = document.metadata.strategy
        let ranked = counterparts(of: SectionReference(slug: document.slug, anchor: section.anchor, strategy: strategy))
        var others: [SectionThemes.OtherStrategy] = []
        for other in site.config.strategies where other.id != strategy {
            let matches = (ranked.byStrategy[other.id] ?? []).prefix(1 + Self.moreCounterparts).compactMap { counterpart -> SectionSummary? in
                guard var summary = sectionSummary(counterpart.section, from: path) else { return nil }
                let shared = counterpart.sharedThemes.compactMap { site.theme($0)?.title.lowercased() }
                summary.why = shared.isEmpty ? "" : "Both on " + Self.list(shared)
                summary.named = counterpart.named
                return summary
            }
            var everything: [LabelledLink] = []
            for theme in section.themes {
                let references = sections(onTheme: theme, in: other.id)
                guard !references.isEmpty, let title = site.theme(theme)?.title else { continue }
                everything.append(LabelledLink(
                    label: "All \(references.count) section\(references.count == 1 ? "" : "s") on \(title.lowercased()) in the \(other.shortTitle)",
                    href: link(themeHref(theme, strategy: other.id), from: path)))
            }
            guard let best = matches.first else { continue }
            others.append(SectionThemes.OtherStrategy(strategy: other.shortTitle, best: best, sections: Array(matches.dropFirst()), more: everything))
        }
        let themes = section.themes.compactMap { id in site.theme(id).map { TitledLink(title: $0.title, href: link(SitePaths.theme(id), from: path)) } }
        return SectionThemes(hasThemes: true, themes: themes, inherited: !section.themesDeclared, others: others)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Which government the document was published under and which later strategy
    /// supersedes it, from `site.yml`.
    func historicalContext(_ document: ParsedDocument, from path: String) -> DocumentPage.HistoricalContext? {
        let meta = document.metadata
        let government = site.config.government(on: meta.published)
        let latestGovernment = site.config.governments.max { $0.from < $1.from }
        let strategies = site.config.strategies
        let position = strategies.firstIndex { $0.id == meta.strategy }
        let later = position.flatMap { $0 + 1 < strategies.count ? strategies[$0 + 1] : nil }
        guard government != nil && government != latestGovernment || later != nil else { return nil }
        return DocumentPage.HistoricalContext(
            government: government.flatMap { $0 != latestGovernment ? $0.name : nil } ?? "",
            supersededBy: later?.title ?? "", supersededByHref: later.map { link(SitePaths.strategy($0.id), from: path) } ?? "")
    }
}
