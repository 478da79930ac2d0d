/// The link stage as state: the linked site and what checking its links found, kept between
/// rebuilds and updated by difference when documents change.
///
/// `build` starts from the data files and adds every document at once; `serve` then replaces
/// the documents an edit touched. Either way the same code orders the documents, checks their
/// links and keeps the indexes (sections per theme, mentions per indicator), so an edit costs
/// what it changed, not the whole library: the edited documents' sections and mentions move
/// in the indexes, their links are checked, and so are the links of documents that point at
/// them if their anchors changed. The values' places are checked again only when an edit
/// touches a document a value names (or a check found a problem last time).
public struct LinkIndex: Sendable {
    public private(set) var site: LinkedSite
    private let dataDiagnostics: [Diagnostic]
    private var referenceDiagnostics: [String: [Diagnostic]] = [:]
    private var provenanceDiagnostics: [Diagnostic] = []
    private var provenanceChecked = false
    /// For each document, the documents whose `doc:` links name it.
    private var referrers: [String: Set<String>] = [:]
    /// Documents a value's `source` names; and whether some value names a file, not a place,
    /// which any document's `source` field may match.
    private let placeSlugs: Set<String>
    private let hasValuesWithoutPlace: Bool
    private let themeIDs: Set<String>
    private let indicatorIDs: Set<String>
    private let strategyOrder: [String: Int]

    /// The site of the data files alone; their own cross-references are checked here.
    public init(data source: SiteSource) {
        var found: [Diagnostic] = []
        Linker.checkThemes(source, &found)
        Linker.checkIndicators(source, &found)
        dataDiagnostics = found
        site = LinkedSite(config: source.config, themes: source.themes, indicators: source.indicators, documents: [],
                          sectionsByTheme: [:], mentionsByIndicator: [:])
        themeIDs = Set(source.themes.map(\.id))
        indicatorIDs = Set(source.indicators.map(\.id))
        strategyOrder = Dictionary(source.config.strategies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let values = source.indicators.flatMap(\.values).filter { !$0.source.isEmpty }
        placeSlugs = Set(values.compactMap { $0.place?.slug })
        hasValuesWithoutPlace = values.contains { $0.place == nil }
    }

    /// Every problem found: the data files', the documents' links', the values' places, and
    /// themes no section uses.
    public var diagnostics: [Diagnostic] {
        var all = dataDiagnostics
        for slug in referenceDiagnostics.keys.sorted() { all += referenceDiagnostics[slug] ?? [] }
        all += provenanceDiagnostics
        for theme in site.themes where site.sectionsByTheme[theme.id] == nil {
            all.append(.warning("theme '\(theme.id)' is not used by any section", at: theme.location,
                                hint: "tag a section with <!-- themes: \(theme.id) --> or remove the theme"))
        }
        return all
    }

    /// Puts these documents in the site, each replacing the document of the same slug if any.
    public mutating func add(_ documents: [ParsedDocument]) {
        update(Dictionary(documents.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Replaces the documents with these slugs by the parse given, or removes them (nil).
    public mutating func update(_ changed: [String: ParsedDocument?]) {
        guard !changed.isEmpty else { return }
        let slugs = Set(changed.keys)
        let before = Dictionary(slugs.compactMap { slug in site.document(slug).map { (slug, $0) } }, uniquingKeysWith: { a, _ in a })
        let after = changed.compactMapValues { $0 }

        // Out of the indexes first, while their positions are the old ones.
        var themes: Set<String> = []
        var indicators: Set<String> = []
        for document in before.values {
            themes.formUnion(document.sections.flatMap(\.themes))
            indicators.formUnion(document.mentions.map(\.indicator))
            for target in Self.documentTargets(document) { referrers[target]?.remove(document.slug) }
        }
        var sections = Dictionary(themes.map { ($0, (site.sectionsByTheme[$0] ?? []).filter { !slugs.contains($0.slug) }) },
                                  uniquingKeysWith: { a, _ in a })
        for indicator in indicators {
            site.mentionsByIndicator[indicator] = site.mentionsByIndicator[indicator]?.filter { !slugs.contains($0.slug) }
        }

        let order = strategyOrder
        site.replaceDocuments(removing: slugs, inserting: Array(after.values)) { Self.precedes($0, $1, order) }

        // Back in, each document's entries as one run at its new position.
        for document in after.values.sorted(by: { site.position(of: $0.slug)! < site.position(of: $1.slug)! }) {
            let position = site.position(of: document.slug)!
            var own: [String: [SectionReference]] = [:]
            for section in document.sections {
                let reference = SectionReference(slug: document.slug, anchor: section.anchor, strategy: document.metadata.strategy)
                for theme in section.themes { own[theme, default: []].append(reference) }
            }
            // Each list is changed in place: a copy per document made adding a library quadratic.
            for (theme, references) in own {
                if sections[theme] == nil { sections[theme] = site.sectionsByTheme[theme] ?? [] }
                let point = insertionPoint(in: sections[theme]!, for: position)
                sections[theme]!.insert(contentsOf: references, at: point)
            }
            var mentioned: [String: [SectionReference]] = [:]
            var seen: Set<Mention> = []
            for mention in document.mentions where seen.insert(mention).inserted {
                mentioned[mention.indicator, default: []].append(
                    SectionReference(slug: document.slug, anchor: mention.section, strategy: document.metadata.strategy))
            }
            for (indicator, references) in mentioned {
                let point = insertionPoint(in: site.mentionsByIndicator[indicator] ?? [], for: position)
                site.mentionsByIndicator[indicator, default: []].insert(contentsOf: references, at: point)
            }
            for target in Self.documentTargets(document) { referrers[target, default: []].insert(document.slug) }
        }
        for (theme, list) in sections { site.setSections(list, onTheme: theme) }
        for (indicator, list) in site.mentionsByIndicator where list.isEmpty { site.mentionsByIndicator[indicator] = nil }

        // Links: the changed documents', and those naming a changed document whose anchors changed.
        var recheck = Set(after.keys)
        for slug in slugs where before[slug]?.anchors != after[slug]?.anchors { recheck.formUnion(referrers[slug] ?? []) }
        for slug in slugs where after[slug] == nil { referenceDiagnostics[slug] = nil }
        for slug in recheck {
            guard let document = site.document(slug) else { continue }
            let problems = checkReferences(document)
            referenceDiagnostics[slug] = problems.isEmpty ? nil : problems
        }

        if !provenanceChecked || !placeSlugs.isDisjoint(with: slugs) || hasValuesWithoutPlace || !provenanceDiagnostics.isEmpty {
            provenanceChecked = true
            var found: [Diagnostic] = []
            site.figuresBySection = ValueProvenance(documents: site.documents).check(site.indicators, &found)
            provenanceDiagnostics = found
        }
    }

    /// Where a run of a document at `position` goes in a list kept in document order.
    private func insertionPoint(in list: [SectionReference], for position: Int) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if (site.position(of: list[middle].slug) ?? .max) > position { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func checkReferences(_ document: ParsedDocument) -> [Diagnostic] {
        document.references.compactMap { reference in
            Linker.check(reference.target, site: site, themes: themeIDs, indicators: indicatorIDs).map {
                .error($0.message, at: reference.location, hint: $0.hint)
            }
        }
    }

    /// The documents a document's `doc:` links name.
    private static func documentTargets(_ document: ParsedDocument) -> Set<String> {
        Set(document.references.compactMap { reference in
            if case .document(let slug, _) = SiteReference(reference.target) { slug } else { nil }
        })
    }

    /// Site order: strategies as site.yml lists them, then publication date, title and slug.
    static func precedes(_ a: ParsedDocument, _ b: ParsedDocument, _ strategyOrder: [String: Int]) -> Bool {
        (strategyOrder[a.metadata.strategy] ?? .max, a.metadata.published.decimalYear, a.metadata.title, a.slug)
            < (strategyOrder[b.metadata.strategy] ?? .max, b.metadata.published.decimalYear, b.metadata.title, b.slug)
    }
}
