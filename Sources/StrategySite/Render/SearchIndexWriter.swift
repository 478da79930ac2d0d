import Foundation

/// Writes the search index as files the search page loads a few at a time, as scripts (so
/// they load from `file://` and a zip as well as from a web server):
///
/// - `search/manifest.js`: the shard count, the library's averages for BM25F, the weights,
///   the stop words and the names of the strategies, document types and themes. Small at any
///   size: nothing in it grows with the number of documents.
/// - `search/t/N.js`: the terms whose FNV-1a hash is N modulo the shard count, each with its
///   document frequency and its postings (document number, section, frequencies in the
///   heading and the body, the section's field lengths as ``SectionIndex/lengthBucket(_:)``,
///   positions for phrases). A term in
///   more than ``postingLimit`` sections keeps the ones it weighs most in: the others could
///   not reach the first pages of results, and a query never loads a long list it cannot show.
/// - `search/d/N.js`: one document's title, address and sections' anchors and headings, and
///   `search/x/N-P.js` the text of its section P, for the excerpts of results shown, and
///   loaded only for those.
/// - `search/v/C.js`: the terms beginning with C with a word they come from and how many
///   sections hold them, for "did you mean" when a query word is in no section.
/// - `search/facets.js`: each document's strategy, type and themes, loaded only when the
///   reader filters.
///
/// Each script calls `StrategySiteSearchData(kind, key, value)`, which `assets/search.js`
/// defines before it adds them to the page.
struct SearchIndexWriter {
    let site: LinkedSite

    /// The indicator lookup is searched as one more document, its entries as sections.
    static let lookupKey = SitePaths.indicators
    static let postingLimit = 1000
    /// Positions kept per posting: enough to find a phrase in any ordinary section.
    static let positionLimit = 64
    /// Aimed-at bytes per term shard: a query of a few words loads a few of them.
    static let shardBytes = 8 * 1024

    /// The index of every document and the lookup. Documents are numbered in the order of
    /// their slugs, so the numbers change only when a document comes or goes, and an edit
    /// under `serve` writes the same files as a full build.
    func buildIndex() -> SectionIndex {
        // The link stage's index, when it is the same reading of the same documents.
        var index = site.textIsWhole ? site.text : SectionIndex(documents: site.documents.sorted { $0.slug < $1.slug })
        index.replace(Self.lookupKey, sections: lookupSections())
        return index
    }

    func lookupSections() -> [SectionIndex.SourceSection] {
        site.indicators.map { indicator in
            let heading = indicator.code.isEmpty ? indicator.title : "\(indicator.code): \(indicator.title)"
            let body = (indicator.aliases + [indicator.localMonitoring, indicator.description]).filter { !$0.isEmpty }.joined(separator: " ")
            return SectionIndex.SourceSection(anchor: indicator.id, heading: heading, body: body)
        }
    }

    /// A shard count, a power of two, that keeps shards near ``shardBytes``.
    static func shardCount(for index: SectionIndex) -> Int {
        var estimate = 0
        for number in 0..<Int32(index.termCount) {
            estimate += 24 + min(index.documentFrequency(of: index.term(number)), postingLimit) * 18
        }
        var count = 1
        while count * shardBytes < estimate, count < 1 << 14 { count *= 2 }
        return count
    }

    /// FNV-1a over the term's UTF-8 bytes: the search page computes the same.
    static func shard(of term: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in term.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(count))
    }

    /// The spelling list a term goes in: its first letter or digit, or `_`.
    static func vocabularyKey(of term: String) -> String {
        guard let first = term.unicodeScalars.first, first.isASCII,
              (0x61...0x7A).contains(first.value) || (0x30...0x39).contains(first.value) else { return "_" }
        return String(first)
    }

    /// Every file's path for `index`.
    func paths(_ index: SectionIndex, shardCount: Int) -> Set<String> {
        var paths: Set<String> = ["search/manifest.js", "search/facets.js"]
        for shard in 0..<shardCount { paths.insert("search/t/\(shard).js") }
        for number in 0..<Int32(index.termCount) where index.documentFrequency(of: index.term(number)) > 0 {
            paths.insert("search/v/\(Self.vocabularyKey(of: index.term(number))).js")
        }
        for document in index.documents {
            guard let number = index.documentNumber(document) else { continue }
            paths.insert("search/d/\(number).js")
            for place in index.sections(of: document).indices { paths.insert("search/x/\(number)-\(place).js") }
        }
        return paths
    }

    /// The files for `index`: all of them, or those of `changedTerms` and `changedDocuments`.
    func files(_ index: SectionIndex, shardCount: Int, changedTerms: Set<String>?, changedDocuments: Set<String>?) -> [RenderedPage] {
        var pages = [manifest(index, shardCount: shardCount), facets(index)]
        var shards: [Int: [Int32]] = [:]
        var vocabulary: [String: [Int32]] = [:]
        let wantedShards = changedTerms.map { Set($0.map { Self.shard(of: $0, count: shardCount) }) }
        let wantedVocabulary = changedTerms.map { Set($0.map(Self.vocabularyKey)) }
        for number in 0..<Int32(index.termCount) {
            let term = index.term(number)
            let shard = Self.shard(of: term, count: shardCount)
            if wantedShards?.contains(shard) ?? true { shards[shard, default: []].append(number) }
            let key = Self.vocabularyKey(of: term)
            if wantedVocabulary?.contains(key) ?? true, index.documentFrequency(of: term) > 0 { vocabulary[key, default: []].append(number) }
        }
        for shard in (wantedShards ?? Set(0..<shardCount)).sorted() {
            pages.append(termShard(shard, terms: shards[shard] ?? [], index))
        }
        for key in (wantedVocabulary ?? Set(vocabulary.keys)).sorted() {
            guard let terms = vocabulary[key] else { continue } // no term left: the file goes
            pages.append(vocabularyList(key, terms: terms, index))
        }
        for document in (changedDocuments ?? Set(index.documents)).sorted() {
            pages += fragment(document, index)
        }
        return pages
    }

    private func script(_ path: String, kind: String, key: String, _ write: (inout JSONWriter) -> Void) -> RenderedPage {
        var json = JSONWriter(capacity: 1 << 12)
        json.raw("StrategySiteSearchData(\"\(kind)\",\"\(key)\",")
        write(&json)
        json.raw(");\n")
        return RenderedPage(path: path, body: .parts([json.bytes]), template: "")
    }

    private var strategies: [String] { site.config.strategies.map(\.id) }
    private var types: [String] { Array(Set(site.documents.map(\.metadata.type).filter { !$0.isEmpty })).sorted() }

    func manifest(_ index: SectionIndex, shardCount: Int) -> RenderedPage {
        script("search/manifest.js", kind: "manifest", key: "") { json in
            json.beginObject()
            json.key("shards"); json.value(raw: String(shardCount))
            json.key("sections"); json.value(raw: String(index.sectionCount))
            json.key("averageHeading"); json.value(raw: String(format: "%.4f", index.averageHeadingLength))
            json.key("averageBody"); json.value(raw: String(format: "%.4f", index.averageBodyLength))
            let w = index.weights
            json.key("weights")
            json.value(raw: "{\"heading\":\(w.heading),\"body\":\(w.body),\"k1\":\(w.k1),\"bHeading\":\(w.headingLengthNormalization),\"bBody\":\(w.bodyLengthNormalization)}")
            json.key("lookup"); json.value(raw: String(index.documentNumber(Self.lookupKey) ?? -1))
            json.field("stopWords", StopWords.english.sorted())
            json.key("strategies"); json.beginArray()
            for strategy in site.config.strategies {
                json.beginArray(); json.string(strategy.id); json.string(strategy.shortTitle.isEmpty ? strategy.title : strategy.shortTitle); json.endArray()
            }
            json.endArray()
            json.field("types", types)
            json.key("themes"); json.beginArray()
            for theme in site.themes { json.beginArray(); json.string(theme.id); json.string(theme.title); json.endArray() }
            json.endArray()
            json.endObject()
        }
    }

    /// Per document number: strategy, type and themes as numbers into the manifest's lists
    /// (-1 for the lookup, whose entries have their own in its fragment).
    func facets(_ index: SectionIndex) -> RenderedPage {
        let strategyNumbers = Dictionary(strategies.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let typeNumbers = Dictionary(types.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let themeNumbers = Dictionary(site.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Int: String] = [:]
        for document in site.documents {
            guard let number = index.documentNumber(document.slug) else { continue }
            let themes = Set(document.sections.flatMap(\.themes)).compactMap { themeNumbers[$0] }.sorted()
            rows[number] = "[\(strategyNumbers[document.metadata.strategy] ?? -1),\(typeNumbers[document.metadata.type] ?? -1),[\(themes.map(String.init).joined(separator: ","))]]"
        }
        if let lookup = index.documentNumber(Self.lookupKey) { rows[lookup] = "[-1,-1,[]]" }
        return script("search/facets.js", kind: "facets", key: "") { json in
            json.beginArray()
            for number in 0..<((rows.keys.max() ?? -1) + 1) {
                if number > 0 { json.raw(",") }
                json.raw(rows[number] ?? "0")
            }
            json.endArray()
        }
    }

    func termShard(_ shard: Int, terms: [Int32], _ index: SectionIndex) -> RenderedPage {
        script("search/t/\(shard).js", kind: "terms", key: String(shard)) { json in
            json.beginObject()
            // In term order, not by number: numbers depend on the order terms were first met.
            for number in terms.sorted(by: { index.term($0) < index.term($1) }) {
                let term = index.term(number)
                var postings = index.postings(for: term)
                guard !postings.isEmpty else { continue }
                let df = postings.count
                if postings.count > Self.postingLimit {
                    let weighted = postings.map { posting -> (Double, Int, Int, SectionIndex.Posting) in
                        let section = index.section(posting.section)
                        let weight = index.weight(documentFrequency: df, headingFrequency: posting.headingFrequency, bodyFrequency: posting.bodyFrequency,
                                                  headingLength: section?.headingLength ?? 0, bodyLength: section?.bodyLength ?? 0)
                        return (weight, section.flatMap { index.documentNumber($0.key.document) } ?? 0, section?.place ?? 0, posting)
                    }
                    postings = weighted.sorted { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }.prefix(Self.postingLimit).map(\.3)
                }
                var rows: [(document: Int, place: Int, text: String)] = []
                for posting in postings {
                    guard let section = index.section(posting.section), let document = index.documentNumber(section.key.document) else { continue }
                    var row = "\(posting.headingFrequency),\(posting.bodyFrequency),"
                        + "\(SectionIndex.lengthBucket(section.headingLength)),\(SectionIndex.lengthBucket(section.bodyLength))"
                    let positions = posting.positions.prefix(Self.positionLimit)
                    row += ",\(positions.count)"
                    var last: UInt32 = 0
                    for position in positions { row += ",\(position - last)"; last = position }
                    rows.append((document, section.place, row))
                }
                rows.sort { ($0.document, $0.place) < ($1.document, $1.place) }
                json.key(term)
                json.value(raw: "[\(df),[")
                var previous = 0
                for (i, row) in rows.enumerated() {
                    if i > 0 { json.raw(",") }
                    json.raw("\(row.document - previous),\(row.place),\(row.text)")
                    previous = row.document
                }
                json.raw("]]")
            }
            json.endObject()
        }
    }

    func vocabularyList(_ key: String, terms: [Int32], _ index: SectionIndex) -> RenderedPage {
        script("search/v/\(key).js", kind: "words", key: key) { json in
            json.beginArray()
            for number in terms.sorted(by: { index.term($0) < index.term($1) }) {
                let term = index.term(number)
                let df = index.documentFrequency(of: term)
                guard df > 0 else { continue }
                json.beginArray(); json.string(term); json.string(index.word(number)); json.raw(",\(df)"); json.endArray()
            }
            json.endArray()
        }
    }

    /// A document's fragment and its sections' texts: what its results show.
    func fragment(_ key: String, _ index: SectionIndex) -> [RenderedPage] {
        guard let number = index.documentNumber(key) else { return [] }
        let strategyNumbers = Dictionary(strategies.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let themeNumbers = Dictionary(site.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sections = index.sections(of: key).compactMap(index.section)
        let texts: [String]
        let url: String, title: String, meta: String
        var sectionFacets: [(strategy: Int, themes: [Int])] = []
        if key == Self.lookupKey {
            let entries = lookupSections()
            texts = entries.map(\.body)
            url = SitePaths.indicators
            title = "Indicator lookup"
            meta = "Indicators"
            sectionFacets = site.indicators.map { (strategyNumbers[$0.strategy] ?? -1, $0.themes.compactMap { themeNumbers[$0] }) }
        } else if let document = site.document(key) {
            let source = SectionIndex.sourceSections(of: document)
            texts = source.map(\.body)
            url = SitePaths.document(key)
            title = document.metadata.title
            meta = [strategyShortTitle(document.metadata.strategy), document.metadata.type].filter { !$0.isEmpty }.joined(separator: " · ")
            let strategy = strategyNumbers[document.metadata.strategy] ?? -1
            sectionFacets = [(strategy, [])] + document.sections.map { (strategy, $0.themes.compactMap { themeNumbers[$0] }) }
        } else {
            return []
        }
        let textPages = texts.enumerated().map { place, text in
            script("search/x/\(number)-\(place).js", kind: "text", key: "\(number)-\(place)") { json in json.string(text) }
        }
        return textPages + [script("search/d/\(number).js", kind: "document", key: String(number)) { json in
            json.beginObject()
            json.field("url", url)
            json.field("title", title)
            json.field("meta", meta)
            json.key("sections"); json.beginArray()
            for (i, section) in sections.enumerated() {
                json.beginArray()
                json.string(section.key.anchor)
                json.string(section.heading)
                let facets: (strategy: Int, themes: [Int]) = i < sectionFacets.count ? sectionFacets[i] : (-1, [])
                json.raw(",\(facets.strategy),[\(facets.themes.map(String.init).joined(separator: ","))]")
                json.endArray()
            }
            json.endArray()
            json.endObject()
        }]
    }

    private func strategyShortTitle(_ id: String) -> String {
        guard let strategy = site.config.strategy(id) else { return id }
        return strategy.shortTitle.isEmpty ? strategy.title : strategy.shortTitle
    }
}
