import Foundation

/// The one text model of the library's sections: for every section (a document's text before
/// its first heading, and each heading's own text), its stemmed terms and how often each
/// stands in the heading and in the body; for every term, how many sections hold it and which
/// (an inverted index). Search shards, the sections offered as counterparts under a heading
/// and anything else that asks "which sections are about this?" read this one index, so a
/// word means the same everywhere: the same tokenizer, stemmer and stop words, the same
/// weights by rarity and by field.
///
/// Weights are BM25F: a term's frequency in the heading counts ``Weights/heading`` times one
/// in the body, each field normalised by its length against the library's average, and the
/// sum saturates (``Weights/k1``) and is scaled by the term's rarity (inverse document
/// frequency over sections). Headings carry a section's subject in few words, so they count
/// more; rarity makes "confiscation" say more than "drug" in a library about drugs.
///
/// Built once per build from every parsed document; under `serve` an edit replaces one
/// document's sections (``replace(_:)``), and each change says which terms it touched, so the
/// search shards holding only those terms are written again. Section ids are never reused
/// while the index lives, and document numbers stay as first given, so data written from
/// the index (postings that name documents by number) stays valid for documents an edit did
/// not touch.
public struct SectionIndex: Sendable {
    /// Where a section is: a document key (its slug, or a page's path for pages indexed like
    /// documents) and a heading anchor; `""` is the text before the first heading.
    public struct Key: Hashable, Sendable {
        public var document: String
        public var anchor: String
        public init(document: String, anchor: String) {
            self.document = document
            self.anchor = anchor
        }
    }

    /// A section's number in the index: stable while the index lives, never reused.
    public struct SectionID: Hashable, Comparable, Sendable {
        public let rawValue: Int32
        public static func < (a: SectionID, b: SectionID) -> Bool { a.rawValue < b.rawValue }
    }

    /// The text of one section, as the index takes it.
    public struct SourceSection: Sendable, Hashable {
        public var anchor: String
        /// The heading (for the text before the first heading, the document's title).
        public var heading: String
        public var body: String
        public init(anchor: String, heading: String, body: String) {
            self.anchor = anchor
            self.heading = heading
            self.body = body
        }
    }

    /// The BM25F parameters. Heading words count three body words: a heading names what its
    /// section is about in a few words, a body mentions many things in passing.
    public struct Weights: Sendable {
        public var heading = 3.0
        public var body = 1.0
        public var k1 = 1.2
        public var headingLengthNormalization = 0.5
        public var bodyLengthNormalization = 0.75
        public init() {}
    }

    /// One section's terms, sorted by term number, with the frequencies in each field and the
    /// positions of the term's words (heading words first, the body's after a gap, so no
    /// phrase spans the two).
    public struct Section: Sendable {
        public let key: Key
        /// Its place in its document: 0 for the text before the first heading.
        public let place: Int
        public let heading: String
        /// Words indexed in each field (stop words not counted).
        public let headingLength: Int
        public let bodyLength: Int
        let terms: [Int32]
        let headingFrequencies: [UInt16]
        let bodyFrequencies: [UInt16]
        /// `positions[positionStarts[i]..<positionStarts[i + 1]]` are the positions of `terms[i]`.
        let positionStarts: [Int32]
        let positions: [UInt32]
    }

    /// A term in one section: what a posting list holds.
    public struct Posting: Sendable {
        public var section: SectionID
        public var headingFrequency: Int
        public var bodyFrequency: Int
        public var positions: ArraySlice<UInt32>
    }

    /// A section's terms with their BM25F weights, for similarity between sections.
    public struct TermVector: Sendable {
        /// Term numbers, ascending, with their weights.
        public let terms: [Int32]
        public let weights: [Double]
        public var norm: Double { weights.reduce(0) { $0 + $1 * $1 }.squareRoot() }

        /// The cosine of the angle between two vectors: 1 for the same terms in the same
        /// proportions, 0 for no term in common.
        public func cosine(_ other: TermVector) -> Double {
            var (i, j, dot) = (0, 0, 0.0)
            while i < terms.count, j < other.terms.count {
                if terms[i] == other.terms[j] { dot += weights[i] * other.weights[j]; i += 1; j += 1 }
                else if terms[i] < other.terms[j] { i += 1 } else { j += 1 }
            }
            let norms = norm * other.norm
            return norms > 0 ? dot / norms : 0
        }
    }

    /// A field length to within about 9% (eight steps per doubling): what data written from
    /// the index carries, so that an edit which adds a word to a section does not change
    /// every posting of the section.
    public static func lengthBucket(_ length: Int) -> Int { Int((log2(Double(length + 1)) * 8).rounded()) }

    /// Positions of body words start after the heading's words and this gap.
    static let bodyPositionGap = 16

    public var weights = Weights()
    private var termNumbers: [String: Int32] = [:]
    private var termTexts: [String] = []
    /// A word as written that each term was made from (the first seen), to offer in a
    /// spelling suggestion rather than a stem.
    private var termWords: [String] = []
    /// Sections holding each term, by term number, ascending section ids.
    private var postingLists: [[SectionID]] = []
    private var sections: [Section?] = []
    private var documentSections: [String: [SectionID]] = [:]
    private var documentNumbers: [String: Int] = [:]
    private var nextDocumentNumber = 0
    private var headingLengthTotal = 0
    private var bodyLengthTotal = 0
    public private(set) var sectionCount = 0

    public init() {}

    /// Whether no document was ever put in (a removed one still holds its number).
    public var isEmpty: Bool { nextDocumentNumber == 0 }
    /// The documents in the index now.
    public var documentCount: Int { documentNumbers.count }

    /// Every document's sections, in the order given (which numbers the documents).
    public init(documents: [ParsedDocument]) {
        self.init(sources: documents.map { ($0.slug, Self.sourceSections(of: $0)) })
    }

    /// Documents as keys and their sections, in the order given.
    public init(sources: [(document: String, sections: [SourceSection])]) {
        let analysed = sources.parallelMap { source in (source.document, source.sections.map(Self.analyse)) }
        for (document, sections) in analysed { _ = insert(document, sections) }
    }

    /// What the index takes of a parsed document: its title and summary with the text before
    /// the first heading, then each top-level heading and its own text.
    public static func sourceSections(of document: ParsedDocument) -> [SourceSection] {
        let opening = [document.metadata.summary, document.opening].filter { !$0.isEmpty }.joined(separator: " ")
        return [SourceSection(anchor: "", heading: document.metadata.title, body: opening)]
            + document.sections.map { SourceSection(anchor: $0.anchor, heading: $0.title, body: $0.text) }
    }

    // MARK: Terms

    /// The terms of `text` with their positions: words folded by ``Tokenizer``, stop words
    /// left out, the rest stemmed by ``EnglishStemmer``. A query is read the same way.
    public static func terms(of text: String) -> [(term: String, position: Int)] {
        words(of: text).map { ($0.term, $0.position) }
    }

    /// ``terms(of:)`` with the word each term was made from.
    static func words(of text: String) -> [(term: String, position: Int, word: String)] {
        Tokenizer.tokens(in: text).compactMap { token in
            guard token.joined || !StopWords.contains(token.text) else { return nil }
            return (EnglishStemmer.stem(token.text), token.position, token.text)
        }
    }

    /// A term's number, if some section holds or held it.
    public func termNumber(_ term: String) -> Int32? { termNumbers[term] }
    public func term(_ number: Int32) -> String { termTexts[Int(number)] }
    /// A word, as readers write it, that stems to the term.
    public func word(_ number: Int32) -> String { termWords[Int(number)] }
    /// Every term ever indexed, by number (terms no section holds any more have no postings).
    public var termCount: Int { termTexts.count }

    // MARK: Reading

    public func section(_ id: SectionID) -> Section? {
        let i = Int(id.rawValue)
        return i < sections.count ? sections[i] : nil
    }

    /// A document's sections in order (the text before the first heading first).
    public func sections(of document: String) -> [SectionID] { documentSections[document] ?? [] }
    /// The documents indexed now, in no particular order.
    public var documents: Dictionary<String, [SectionID]>.Keys { documentSections.keys }
    /// A document's number: given when it is first indexed, kept until the index is rebuilt.
    public func documentNumber(_ document: String) -> Int? { documentNumbers[document] }

    /// How many sections hold `term` (already a term, as ``terms(of:)`` makes them).
    public func documentFrequency(of term: String) -> Int {
        termNumbers[term].map { postingLists[Int($0)].count } ?? 0
    }

    /// How many sections hold the term with this number (its document frequency, without
    /// looking the term up by its text).
    public func sectionCount(holding term: Int32) -> Int {
        Int(term) < postingLists.count ? postingLists[Int(term)].count : 0
    }

    /// The sections holding the term with this number, by ascending id.
    public func sectionIDs(holding term: Int32) -> [SectionID] {
        Int(term) < postingLists.count ? postingLists[Int(term)] : []
    }

    /// The sections holding `term`, by ascending id, with frequencies and positions.
    public func postings(for term: String) -> [Posting] {
        guard let number = termNumbers[term] else { return [] }
        return postingLists[Int(number)].compactMap { id in posting(number, in: id) }
    }

    func posting(_ term: Int32, in id: SectionID) -> Posting? {
        guard let section = section(id), let i = Self.find(term, in: section.terms) else { return nil }
        return Posting(section: id, headingFrequency: Int(section.headingFrequencies[i]), bodyFrequency: Int(section.bodyFrequencies[i]),
                       positions: section.positions[Int(section.positionStarts[i])..<Int(section.positionStarts[i + 1])])
    }

    public var averageHeadingLength: Double { sectionCount > 0 ? Double(headingLengthTotal) / Double(sectionCount) : 0 }
    public var averageBodyLength: Double { sectionCount > 0 ? Double(bodyLengthTotal) / Double(sectionCount) : 0 }

    /// Rarity: BM25's inverse document frequency over sections, never negative.
    public func inverseDocumentFrequency(_ documentFrequency: Int) -> Double {
        let n = Double(sectionCount), df = Double(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// BM25F weight of a term with these frequencies in a section of these lengths.
    public func weight(documentFrequency df: Int, headingFrequency: Int, bodyFrequency: Int, headingLength: Int, bodyLength: Int) -> Double {
        func normalised(_ frequency: Int, _ length: Int, _ average: Double, _ b: Double) -> Double {
            guard frequency > 0 else { return 0 }
            let ratio = average > 0 ? Double(length) / average : 1
            return Double(frequency) / (1 - b + b * ratio)
        }
        let tf = weights.heading * normalised(headingFrequency, headingLength, averageHeadingLength, weights.headingLengthNormalization)
            + weights.body * normalised(bodyFrequency, bodyLength, averageBodyLength, weights.bodyLengthNormalization)
        return inverseDocumentFrequency(df) * tf / (weights.k1 + tf)
    }

    /// The BM25F weight of `term` in a section (0 when it does not hold it).
    public func weight(of term: String, in id: SectionID) -> Double {
        guard let number = termNumbers[term], let posting = posting(number, in: id), let section = section(id) else { return 0 }
        return weight(documentFrequency: postingLists[Int(number)].count, headingFrequency: posting.headingFrequency,
                      bodyFrequency: posting.bodyFrequency, headingLength: section.headingLength, bodyLength: section.bodyLength)
    }

    /// Every term of a section with its weight.
    public func vector(of id: SectionID) -> TermVector {
        guard let section = section(id) else { return TermVector(terms: [], weights: []) }
        let weights = section.terms.indices.map { i in
            weight(documentFrequency: postingLists[Int(section.terms[i])].count, headingFrequency: Int(section.headingFrequencies[i]),
                   bodyFrequency: Int(section.bodyFrequencies[i]), headingLength: section.headingLength, bodyLength: section.bodyLength)
        }
        return TermVector(terms: section.terms, weights: weights)
    }

    /// The terms a section holds.
    public func terms(of id: SectionID) -> [String] { section(id)?.terms.map { termTexts[Int($0)] } ?? [] }

    // MARK: Changing

    /// Puts a parsed document's sections in place of those it had (or adds it). Returns the
    /// terms whose postings changed: in a section added, removed, or with other frequencies,
    /// positions or length (to within ``lengthBucket(_:)``).
    @discardableResult
    public mutating func replace(_ document: ParsedDocument) -> Set<String> {
        replace(document.slug, sections: Self.sourceSections(of: document))
    }

    @discardableResult
    public mutating func replace(_ document: String, sections: [SourceSection]) -> Set<String> {
        let before = signatures(of: document)
        removeSections(of: document)
        insert(document, sections.map(Self.analyse))
        let after = signatures(of: document)
        var changed: Set<String> = []
        for (term, signature) in before where after[term] != signature { changed.insert(term) }
        for term in after.keys where before[term] == nil { changed.insert(term) }
        return changed
    }

    /// Takes a document out. Returns the terms it held.
    @discardableResult
    public mutating func remove(_ document: String) -> Set<String> {
        let held = Set(signatures(of: document).keys)
        removeSections(of: document)
        documentSections[document] = nil
        documentNumbers[document] = nil
        return held
    }

    /// A section as analysed, before it has term numbers.
    struct Analysed: Sendable {
        var key: String
        var heading: String
        var headingLength: Int
        var bodyLength: Int
        /// Per term: heading frequency, body frequency, positions.
        var terms: [String: (heading: Int, body: Int, positions: [UInt32])]
        var words: [String: String]
    }

    static func analyse(_ source: SourceSection) -> Analysed {
        var terms: [String: (heading: Int, body: Int, positions: [UInt32])] = [:]
        var words: [String: String] = [:]
        let heading = Self.words(of: source.heading)
        let headingWords = (heading.map(\.position).max() ?? -1) + 1
        for (term, position, word) in heading {
            if words[term] == nil { words[term] = word }
            terms[term, default: (0, 0, [])].heading += 1
            terms[term, default: (0, 0, [])].positions.append(UInt32(position))
        }
        let body = Self.words(of: source.body)
        let offset = headingWords + bodyPositionGap
        for (term, position, word) in body {
            if words[term] == nil { words[term] = word }
            terms[term, default: (0, 0, [])].body += 1
            terms[term, default: (0, 0, [])].positions.append(UInt32(offset + position))
        }
        return Analysed(key: source.anchor, heading: source.heading, headingLength: heading.count, bodyLength: body.count, terms: terms, words: words)
    }

    private mutating func number(_ term: String, word: String) -> Int32 {
        if let known = termNumbers[term] { return known }
        let number = Int32(termTexts.count)
        termNumbers[term] = number
        termTexts.append(term)
        termWords.append(word)
        postingLists.append([])
        return number
    }

    @discardableResult
    private mutating func insert(_ document: String, _ analysed: [Analysed]) -> [SectionID] {
        if documentNumbers[document] == nil {
            documentNumbers[document] = nextDocumentNumber
            nextDocumentNumber += 1
        }
        var ids: [SectionID] = []
        for (place, section) in analysed.enumerated() {
            let id = SectionID(rawValue: Int32(sections.count))
            var numbered = section.terms.map { (number($0.key, word: section.words[$0.key] ?? $0.key), $0.value) }
            numbered.sort { $0.0 < $1.0 }
            var starts: [Int32] = [0]
            var positions: [UInt32] = []
            for (_, value) in numbered {
                positions.append(contentsOf: value.positions.sorted())
                starts.append(Int32(positions.count))
            }
            sections.append(Section(key: Key(document: document, anchor: section.key), place: place, heading: section.heading,
                                    headingLength: section.headingLength, bodyLength: section.bodyLength,
                                    terms: numbered.map(\.0), headingFrequencies: numbered.map { UInt16(clamping: $0.1.heading) },
                                    bodyFrequencies: numbered.map { UInt16(clamping: $0.1.body) }, positionStarts: starts, positions: positions))
            for (term, _) in numbered { postingLists[Int(term)].append(id) }
            headingLengthTotal += section.headingLength
            bodyLengthTotal += section.bodyLength
            sectionCount += 1
            ids.append(id)
        }
        documentSections[document] = ids
        return ids
    }

    private mutating func removeSections(of document: String) {
        for id in documentSections[document] ?? [] {
            guard let section = section(id) else { continue }
            for term in section.terms {
                if let at = Self.find(id, in: postingLists[Int(term)]) { postingLists[Int(term)].remove(at: at) }
            }
            headingLengthTotal -= section.headingLength
            bodyLengthTotal -= section.bodyLength
            sectionCount -= 1
            sections[Int(id.rawValue)] = nil
        }
        documentSections[document] = []
    }

    /// Per term of a document: its sections' places, frequencies, positions and length
    /// buckets, to compare before and after an edit.
    private func signatures(of document: String) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (place, id) in sections(of: document).enumerated() {
            guard let section = section(id) else { continue }
            for (i, term) in section.terms.enumerated() {
                var signature = result[termTexts[Int(term)], default: []]
                signature += [place, Int(section.headingFrequencies[i]), Int(section.bodyFrequencies[i]),
                              Self.lengthBucket(section.headingLength), Self.lengthBucket(section.bodyLength)]
                signature += section.positions[Int(section.positionStarts[i])..<Int(section.positionStarts[i + 1])].map(Int.init)
                signature.append(-1)
                result[termTexts[Int(term)]] = signature
            }
        }
        return result
    }

    static func find<T: Comparable>(_ value: T, in sorted: [T]) -> Int? {
        var (low, high) = (0, sorted.count)
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value ? low : nil
    }
}
