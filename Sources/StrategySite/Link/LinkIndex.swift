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
    /// Problems with the places theme notes name (checked after every change: there are few).
    private var noteDiagnostics: [Diagnostic] = []
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
        all += noteDiagnostics
        for theme in site.themes where site.sectionsByTheme[theme.id] == nil {
            all.append(.warning("theme '\(theme.id)' is not used by any section", at: theme.location,
                                hint: "tag a section with <!-- themes: \(theme.id) --> or remove the theme"))
        }
        return all
    }

    /// Puts these documents in the site, each replacing the document of the same slug if any.
    public mutating func add(_ documents: [ParsedDocument]) {
        _ = apply(Dictionary(documents.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }), reporting: false)
    }

    /// Replaces the documents with these slugs by the parse given, or removes them (nil), and
    /// says what that changed.
    @discardableResult
    public mutating func update(_ changed: [String: ParsedDocument?]) -> LinkChanges {
        apply(changed, reporting: true)
    }

    /// `update`, saying what changed only when `reporting` (a whole library added at once
    /// changes everything, and finding out would cost as much as the adding).
    private mutating func apply(_ changed: [String: ParsedDocument?], reporting: Bool) -> LinkChanges {
        var changes = LinkChanges()
        // Even a library of no documents has its values' places checked (they name documents).
        guard !changed.isEmpty || !provenanceChecked else { return changes }
        let slugs = Set(changed.keys)
        let before = Dictionary(slugs.compactMap { slug in site.document(slug).map { (slug, $0) } }, uniquingKeysWith: { a, _ in a })
        let after = changed.compactMapValues { $0 }
        changes.before = before

        // The order changed if a document came, went, or has other neighbours; then the
        // documents beside where it was and where it is have new neighbours.
        let besidesBefore = reporting ? Dictionary(slugs.map { ($0, besides($0)) }, uniquingKeysWith: { a, _ in a }) : [:]

        // Out of the indexes first, at their old positions; then in, at their new ones.
        for document in before.values {
            site.removeEntries(of: document, at: site.position(of: document.slug)!)
            for target in Self.documentTargets(document) { referrers[target]?.remove(document.slug) }
        }
        let order = strategyOrder
        site.replaceDocuments(removing: slugs, inserting: Array(after.values)) { Self.precedes($0, $1, order) }
        // In site order, so each run goes at the end of the lists when a library is added.
        for slug in after.keys.sorted(by: { site.position(of: $0)! < site.position(of: $1)! }) {
            let document = after[slug]!
            site.insertEntries(of: document, at: site.position(of: document.slug)!)
            for target in Self.documentTargets(document) { referrers[target, default: []].insert(document.slug) }
        }
        if !reporting && site.text.isEmpty && before.isEmpty {
            // A whole library at once: its sections read in parallel, numbered in slug order.
            site.text = SectionIndex(documents: slugs.sorted().compactMap { after[$0] })
            site.textIsWhole = site.text.documentCount == site.documents.count
        } else {
            for slug in slugs.sorted() {
                if let document = after[slug] { site.text.replace(document) } else { site.text.remove(slug) }
            }
            site.textIsWhole = false
        }
        // Taken out while it changes, so the site's copy is not copied.
        var counterparts = site.counterparts
        site.counterparts = CounterpartIndex()
        if reporting {
            changes.counterparts = counterparts.update(slugs, in: site, text: site.text)
        } else {
            counterparts.rebuild(site, text: site.text)
        }
        site.counterparts = counterparts

        let besidesAfter = reporting ? Dictionary(slugs.map { ($0, besides($0)) }, uniquingKeysWith: { a, _ in a }) : [:]
        changes.reordered = before.count != slugs.count || after.count != slugs.count || besidesBefore != besidesAfter
        if changes.reordered {
            for slug in slugs { changes.neighbours.formUnion((besidesBefore[slug] ?? []) + (besidesAfter[slug] ?? [])) }
        }

        // Which lists changed: a moved document changes every list it is on; otherwise only
        // those whose entries for it differ.
        for slug in slugs where reporting {
            let old = before[slug], new = after[slug]
            let moved = changes.reordered || old?.metadata.strategy != new?.metadata.strategy
            let oldEntries = old.map(LinkedSite.entries(of:)), newEntries = new.map(LinkedSite.entries(of:))
            let oldThemes = oldEntries?.themes ?? [:], newThemes = newEntries?.themes ?? [:]
            for theme in Set(oldThemes.keys).union(newThemes.keys) where moved || oldThemes[theme] != newThemes[theme] {
                changes.themes.insert(theme)
                if let old, let count = oldThemes[theme]?.count { changes.themeCounts[theme, default: [:]][old.metadata.strategy, default: 0] -= count }
                if let new, let count = newThemes[theme]?.count { changes.themeCounts[theme, default: [:]][new.metadata.strategy, default: 0] += count }
                for strategy in Set([old?.metadata.strategy, new?.metadata.strategy].compactMap { $0 }) {
                    changes.themesInStrategies.insert(LinkChanges.ThemeInStrategy(theme: theme, strategy: strategy))
                }
            }
            let oldMentions = oldEntries?.mentions ?? [:], newMentions = newEntries?.mentions ?? [:]
            for indicator in Set(oldMentions.keys).union(newMentions.keys) where moved || oldMentions[indicator] != newMentions[indicator] {
                changes.indicators.insert(indicator)
            }
        }

        // Links: the changed documents', and those naming a changed document whose anchors changed.
        var recheck = Set(after.keys)
        for slug in slugs where before[slug]?.anchors != after[slug]?.anchors { recheck.formUnion(referrers[slug] ?? []) }
        for slug in slugs where after[slug] == nil { referenceDiagnostics[slug] = nil }
        for slug in recheck {
            guard let document = site.document(slug) else { continue }
            let problems = checkReferences(document)
            referenceDiagnostics[slug] = problems.isEmpty ? nil : problems
        }

        noteDiagnostics = checkThemeNotes()

        if !provenanceChecked || !placeSlugs.isDisjoint(with: slugs) || hasValuesWithoutPlace || !provenanceDiagnostics.isEmpty {
            provenanceChecked = true
            var found: [Diagnostic] = []
            var notes: [FigureReference: [SourceNote]] = [:]
            let figures = ValueProvenance(documents: site.documents).check(site.indicators, sourceNotes: &notes, &found)
            for place in Set(figures.keys).union(site.figuresBySection.keys) where figures[place] != site.figuresBySection[place] {
                changes.figures.insert(place.slug)
            }
            for figure in Set(notes.keys).union(site.sourceNotes.keys) where notes[figure] != site.sourceNotes[figure] {
                for note in (notes[figure] ?? []) + (site.sourceNotes[figure] ?? []) { changes.figures.insert(note.slug) }
            }
            site.figuresBySection = figures
            site.sourceNotes = notes
            provenanceDiagnostics = found
        }
        return changes
    }

    /// The document with this slug and those before and after it.
    private func besides(_ slug: String) -> [String] {
        guard let position = site.position(of: slug) else { return [] }
        return [position - 1, position, position + 1].filter(site.documents.indices.contains).map { site.documents[$0].slug }
    }

    private func checkReferences(_ document: ParsedDocument) -> [Diagnostic] {
        document.references.compactMap { reference in
            Linker.check(reference, site: site, themes: themeIDs, indicators: indicatorIDs).map {
                .error($0.message, at: reference.location, hint: $0.hint, cause: $0.cause)
            }
        }
    }

    /// Each theme note's `source` must be a `doc:` reference to a place that exists.
    private func checkThemeNotes() -> [Diagnostic] {
        site.themes.flatMap(\.notes).compactMap { note -> Diagnostic? in
            guard !note.source.isEmpty else { return nil }
            let target = SiteReference(note.source)
            guard case .document = target else {
                return .error("a theme note's source must be doc:slug or doc:slug#anchor, not '\(note.source)'", at: note.sourceLocation)
            }
            let reference = Reference(kind: .link, target: target, written: note.source, location: note.sourceLocation)
            return Linker.check(reference, site: site, themes: themeIDs, indicators: indicatorIDs).map {
                .error($0.message, at: note.sourceLocation, hint: $0.hint)
            }
        }
    }

    /// The documents a document's `doc:` links name.
    private static func documentTargets(_ document: ParsedDocument) -> Set<String> {
        Set(document.references.compactMap { reference in
            if case .document(let slug, _)? = reference.target { slug } else { nil }
        })
    }

    /// Site order: strategies as site.yml lists them, then publication date, title and slug.
    static func precedes(_ a: ParsedDocument, _ b: ParsedDocument, _ strategyOrder: [String: Int]) -> Bool {
        (strategyOrder[a.metadata.strategy] ?? .max, a.metadata.published.decimalYear, a.metadata.title, a.slug)
            < (strategyOrder[b.metadata.strategy] ?? .max, b.metadata.published.decimalYear, b.metadata.title, b.slug)
    }
}

/// What one ``LinkIndex/update(_:)`` changed in the linked site, for `serve` to tell which
/// pages read something different now.
public struct LinkChanges: Sendable {
    public struct ThemeInStrategy: Sendable, Hashable {
        public var theme: String
        public var strategy: String
    }

    /// The changed documents as they were (absent: added).
    public var before: [String: ParsedDocument] = [:]
    /// Whether the order of the documents changed.
    public var reordered = false
    /// Documents whose previous or next document may be another now.
    public var neighbours: Set<String> = []
    /// Themes whose list of sections changed, in all and per strategy.
    public var themes: Set<String> = []
    public var themesInStrategies: Set<ThemeInStrategy> = []
    /// How many more (or fewer) sections each strategy has on each theme than before.
    public var themeCounts: [String: [String: Int]] = [:]
    /// Indicators whose list of mentions changed.
    public var indicators: Set<String> = []
    /// Documents with figures found in them that changed.
    public var figures: Set<String> = []
    /// Documents some of whose sections have other counterparts now.
    public var counterparts: Set<String> = []
}
