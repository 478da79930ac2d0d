/// The whole site after linking: documents in reading order, every cross-reference checked,
/// and the indexes the pages need (sections per theme, mentions per indicator).
public struct LinkedSite: Sendable {
    public var config: SiteConfig
    public var themes: [Theme]
    public var indicators: [Indicator]
    /// In site order: by strategy as site.yml lists them, then by publication date, then title.
    public private(set) var documents: [ParsedDocument]
    /// Sections tagged with each theme, in document order.
    public private(set) var sectionsByTheme: [String: [SectionReference]]
    /// The same, split by strategy: theme id, then strategy id. Document pages ask for "this
    /// theme in that strategy" once per section, which must not rescan every section.
    public private(set) var sectionsByThemeAndStrategy: [String: [String: [SectionReference]]]
    /// Sections that mention each indicator (auto-linked or linked by hand), in document order.
    public private(set) var mentionsByIndicator: [String: [SectionReference]]
    /// Indicator values by the section they are written in (checked against its text), for
    /// the back-links from a section to the lookup.
    public var figuresBySection: [SectionReference: [FigureReference]] = [:]
    /// For each value, the notes of its document that its sentence refers to.
    public var sourceNotes: [FigureReference: [SourceNote]] = [:]
    /// The text of every section, stemmed and counted: what counterparts are ranked by, and
    /// what any other feature that asks "which sections are about this?" can read.
    public internal(set) var text = SectionIndex()
    /// Whether ``text`` holds every document, numbered in slug order, and nothing else: so
    /// it was made in one go by a full link, and the search index, which numbers documents
    /// that way, can start from it instead of reading every section again.
    public internal(set) var textIsWhole = false
    /// Every section's counterparts in the other strategies, best first.
    public internal(set) var counterparts = CounterpartIndex()
    /// Slug to index in `documents`: pages look documents up by slug once per link, so the
    /// lookup must not be a scan (that made a build quadratic in the number of documents).
    private var documentPositions: [String: Int]

    public init(config: SiteConfig, themes: [Theme], indicators: [Indicator], documents: [ParsedDocument],
                sectionsByTheme: [String: [SectionReference]], mentionsByIndicator: [String: [SectionReference]]) {
        self.config = config
        self.themes = themes
        self.indicators = indicators
        self.documents = documents
        self.sectionsByTheme = sectionsByTheme
        self.mentionsByIndicator = mentionsByIndicator
        documentPositions = Dictionary(documents.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
        sectionsByThemeAndStrategy = sectionsByTheme.mapValues { Dictionary(grouping: $0, by: \.strategy) }
    }

    /// Takes out the documents with these slugs and puts `inserted` in their places in site
    /// order (`precedes`); the positions of the documents before the first change stand.
    mutating func replaceDocuments(removing slugs: Set<String>, inserting inserted: [ParsedDocument],
                                   by precedes: (ParsedDocument, ParsedDocument) -> Bool) {
        var lowest = documents.count
        for index in slugs.compactMap({ documentPositions[$0] }).sorted(by: >) {
            documents.remove(at: index)
            lowest = min(lowest, index)
        }
        for slug in slugs { documentPositions[slug] = nil }
        for document in inserted {
            // Binary search: the first document `document` precedes.
            var low = 0, high = documents.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(document, documents[middle]) { high = middle } else { low = middle + 1 }
            }
            documents.insert(document, at: low)
            lowest = min(lowest, low)
        }
        for index in lowest..<documents.count where documentPositions[documents[index].slug] != index {
            documentPositions[documents[index].slug] = index
        }
    }

    /// Takes a document's entries out of the theme and indicator lists; it must still be at
    /// `position`. Its entries are one run in each list, found by binary search.
    mutating func removeEntries(of document: ParsedDocument, at position: Int) {
        let strategy = document.metadata.strategy
        for theme in Set(document.sections.flatMap(\.themes)) {
            let inTheme = run(of: position, in: sectionsByTheme[theme] ?? [])
            sectionsByTheme[theme]?.removeSubrange(inTheme)
            let inStrategy = run(of: position, in: sectionsByThemeAndStrategy[theme]?[strategy] ?? [])
            sectionsByThemeAndStrategy[theme]?[strategy]?.removeSubrange(inStrategy)
            if sectionsByThemeAndStrategy[theme]?[strategy]?.isEmpty == true { sectionsByThemeAndStrategy[theme]?[strategy] = nil }
            if sectionsByTheme[theme]?.isEmpty == true {
                sectionsByTheme[theme] = nil
                sectionsByThemeAndStrategy[theme] = nil
            }
        }
        for indicator in Set(document.mentions.map(\.indicator)) {
            let mentions = run(of: position, in: mentionsByIndicator[indicator] ?? [])
            mentionsByIndicator[indicator]?.removeSubrange(mentions)
            if mentionsByIndicator[indicator]?.isEmpty == true { mentionsByIndicator[indicator] = nil }
        }
    }

    /// Puts a document's entries into the theme and indicator lists, at its position now.
    mutating func insertEntries(of document: ParsedDocument, at position: Int) {
        let strategy = document.metadata.strategy
        let own = Self.entries(of: document)
        for (theme, references) in own.themes {
            let point = run(of: position, in: sectionsByTheme[theme] ?? []).lowerBound
            sectionsByTheme[theme, default: []].insert(contentsOf: references, at: point)
            let strategyPoint = run(of: position, in: sectionsByThemeAndStrategy[theme]?[strategy] ?? []).lowerBound
            sectionsByThemeAndStrategy[theme, default: [:]][strategy, default: []].insert(contentsOf: references, at: strategyPoint)
        }
        for (indicator, references) in own.mentions {
            let point = run(of: position, in: mentionsByIndicator[indicator] ?? []).lowerBound
            mentionsByIndicator[indicator, default: []].insert(contentsOf: references, at: point)
        }
    }

    /// A document's entries in the theme lists and the mention lists (each mention once), in
    /// the order the lists hold them.
    static func entries(of document: ParsedDocument) -> (themes: [String: [SectionReference]], mentions: [String: [SectionReference]]) {
        let strategy = document.metadata.strategy
        var themes: [String: [SectionReference]] = [:]
        for section in document.sections {
            for theme in section.themes { themes[theme, default: []].append(SectionReference(slug: document.slug, anchor: section.anchor, strategy: strategy)) }
        }
        var mentions: [String: [SectionReference]] = [:]
        var seen: Set<Mention> = []
        for mention in document.mentions where seen.insert(mention).inserted {
            mentions[mention.indicator, default: []].append(SectionReference(slug: document.slug, anchor: mention.section, strategy: strategy))
        }
        return (themes, mentions)
    }

    /// Where the entries of the document at `position` are (or would go) in a list kept in
    /// document order.
    private func run(of position: Int, in list: [SectionReference]) -> Range<Int> {
        // Documents added in site order go at the end: no search.
        guard let last = list.last, (documentPositions[last.slug] ?? .max) >= position else { return list.count..<list.count }
        func firstIndex(after: Bool) -> Int {
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                let other = documentPositions[list[middle].slug] ?? .max
                if other > position || (!after && other == position) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        return firstIndex(after: false)..<firstIndex(after: true)
    }

    /// Where the document with this slug is in `documents` (the first, if two share a slug).
    public func position(of slug: String) -> Int? { documentPositions[slug] }
    public func document(_ slug: String) -> ParsedDocument? { documentPositions[slug].map { documents[$0] } }
    /// The document's ``ParsedDocument/revision`` and card, without copying the document out
    /// (its many parts would each be retained and released).
    public func revision(of slug: String) -> Int? { documentPositions[slug].map { documents[$0].revision } }
    public func card(_ slug: String) -> DocumentCard? { documentPositions[slug].map { documents[$0].card } }
    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }
    public func documents(in strategy: String) -> [ParsedDocument] { documents.filter { $0.metadata.strategy == strategy } }
}

/// A section of a document, as other pages point to it.
public struct SectionReference: Sendable, Hashable {
    public var slug: String
    public var anchor: String
    public var strategy: String
}
