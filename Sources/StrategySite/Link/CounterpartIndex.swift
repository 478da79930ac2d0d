import Foundation

/// For every section, the sections of each other strategy that say the most of the same,
/// best first: the counterparts offered under its heading and beside it on theme pages.
///
/// A pair's score adds three things, each from 0 to 1:
///
/// - **themes** they share, each weighted by how central it is to both: a section's tags are
///   in order of importance, so the first counts most (weights 1, 1/2, 1/3… scaled to length
///   one) and a section with one theme is wholly about it; the score is the dot product of
///   the two sections' weights, so one strong shared theme beats many weak ones;
/// - **heading** words they share (stemmed, stop words left out, by ``SectionIndex``), each
///   weighted by its rarity among headings, over the geometric mean of the two headings'
///   lengths: a heading names what its section is about, so a match there counts most;
/// - **text**: the cosine of the two sections' term frequencies (heading words counted three
///   times), each shared term scaled by its rarity; its square root, since two texts of
///   hundreds of words share a small part of them even when they are on one subject.
///
/// Rarity is ``rarity(_:)``: one over one plus the base-2 logarithm of the number of sections
/// (or headings) holding the term, rounded down. It depends on nothing but that count, and changes only
/// when the count crosses a power of two, so an edit moves the scores of few pairs and `serve`
/// can recompute only those (``update(_:)``) and get what a full build gets.
///
/// The candidates for a section are never all sections: they are the ``leaderLimit``
/// sections most about each of its themes in each other strategy, and the sections sharing
/// a term that few sections hold (at most ``rareTermLimit``), from the inverted index. The
/// cost of ranking the library grows with the library times its themes.
///
/// An editor may name a section's counterpart by hand (`<!-- counterparts: doc:slug#anchor
/// -->`); named sections come first in their strategy, before the ranked ones.
public struct CounterpartIndex: Sendable {
    /// How many counterparts are kept per section and strategy.
    public static let limit = 4
    /// Sections per theme and strategy that are candidates for every section on that theme.
    static let leaderLimit = 24
    /// Terms held by at most this many sections bring their sections in as candidates.
    static let rareTermLimit = 32
    /// Weights of the three parts of a score.
    static let themeWeight = 0.35, headingWeight = 0.4, textWeight = 0.25

    /// What the ranking reads of one section.
    struct Features: Sendable, Equatable {
        var reference: SectionReference
        /// Themes and their weights (length one), in the order tagged.
        var themes: [(id: String, weight: Double)]
        /// Term numbers of ``SectionIndex``, ascending, with log frequency weights.
        var terms: [Int32]
        var termWeights: [Double]
        var norm: Double
        /// Term numbers in the heading, ascending.
        var headingTerms: [Int32]
        /// `doc:slug#anchor` targets an editor named.
        var named: [SectionReference]

        static func == (a: Features, b: Features) -> Bool {
            a.reference == b.reference && a.themes.map(\.id) == b.themes.map(\.id) && a.terms == b.terms
                && a.termWeights == b.termWeights && a.headingTerms == b.headingTerms && a.named == b.named
        }

        func weight(of theme: String) -> Double { themes.first { $0.id == theme }?.weight ?? 0 }
    }

    struct LeaderKey: Hashable, Sendable {
        var theme: String
        var strategy: String
    }

    private var features: [SectionReference: Features] = [:]
    private var leaders: [LeaderKey: [SectionReference]] = [:]
    /// For each document, the sections whose editors named one of its sections.
    private var namedBy: [String: Set<SectionReference>] = [:]
    /// Ranked sections whose heading holds each term.
    private var headingHolders: [Int32: Set<SectionReference>] = [:]
    /// The strategy of each document with ranked sections.
    private var strategyByDocument: [String: String] = [:]
    private(set) var ranked: [SectionReference: SectionCounterparts] = [:]

    public init() {}

    /// The counterparts of a section (none for a section that is not in the site).
    public func counterparts(of section: SectionReference) -> SectionCounterparts { ranked[section] ?? .none }

    /// One over one plus the base-2 logarithm of `sections`, rounded down: 1 for a term one
    /// section holds, 1/2 for two or three, 1/3 for four to seven…
    static func rarity(_ sections: Int) -> Double {
        sections <= 1 ? 1 : 1 / Double(1 + (Int.bitWidth - 1 - sections.leadingZeroBitCount))
    }

    // MARK: Building

    /// Ranks every section of `site` from scratch.
    mutating func rebuild(_ site: LinkedSite, text: SectionIndex) {
        features = [:]
        namedBy = [:]
        headingHolders = [:]
        strategyByDocument = [:]
        for document in site.documents {
            for feature in Self.features(of: document, text: text) { add(feature) }
        }
        leaders = [:]
        var keys: Set<LeaderKey> = []
        for feature in features.values { for theme in feature.themes { keys.insert(LeaderKey(theme: theme.id, strategy: feature.reference.strategy)) } }
        for key in keys { leaders[key] = leaders(for: key, site: site) }
        let all = Array(features.keys)
        let strategies = site.config.strategies.map(\.id)
        let ranking = self
        let computed = all.parallelMap { ranking.rank($0, text: text, strategies: strategies) }
        ranked = Dictionary(uniqueKeysWithValues: zip(all, computed))
    }

    /// After the documents `before` were replaced by their parses now in `site` (or removed):
    /// re-ranks the sections whose counterparts may have changed. `oldFrequencies` are the
    /// section counts of the terms the changed documents held or hold, before the change.
    /// Returns the documents whose sections' counterparts changed.
    mutating func update(_ slugs: Set<String>, in site: LinkedSite, text: SectionIndex) -> Set<String> {
        // The changed documents' sections as they were and as they are.
        let old = features.values.filter { slugs.contains($0.reference.slug) }
        let new = slugs.compactMap { site.document($0) }.flatMap { Self.features(of: $0, text: text) }
        let oldByKey = Dictionary(old.map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
        let newByKey = Dictionary(new.map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
        let changedOld = old.filter { newByKey[$0.reference] != $0 }
        let changedNew = new.filter { oldByKey[$0.reference] != $0 }

        // Section counts before the change, from those after and the sections that went and came.
        var delta: [Int32: Int] = [:]
        for feature in old { for term in feature.terms { delta[term, default: 0] -= 1 } }
        for feature in new { for term in feature.terms { delta[term, default: 0] += 1 } }

        var affected: Set<SectionReference> = Set(new.map(\.reference))
        let headingTerms = Set((old + new).flatMap(\.headingTerms))
        let headingsBefore = Dictionary(headingTerms.map { ($0, headingHolders[$0]?.count ?? 0) }, uniquingKeysWith: { a, _ in a })
        for feature in old { remove(feature) }
        for feature in new { add(feature) }
        // Pairs sharing a heading term whose rarity among headings changed score differently.
        for term in headingTerms where Self.rarity(headingsBefore[term] ?? 0) != Self.rarity(headingHolders[term]?.count ?? 0) {
            affected.formUnion(headingHolders[term] ?? [])
        }

        let changedTerms = Set((changedOld + changedNew).flatMap(\.terms))
        for (term, change) in delta where change != 0 || changedTerms.contains(term) {
            let after = text.sectionCount(holding: term)
            let before = after - change
            let rarityChanged = Self.rarity(before) != Self.rarity(after)
            let rare = before <= Self.rareTermLimit || after <= Self.rareTermLimit
            // Pairs sharing a term whose rarity changed score differently; sections sharing a
            // rare term with a changed section have it (or had it) as a candidate.
            if rarityChanged || (rare && changedTerms.contains(term)) {
                for id in text.sectionIDs(holding: term) { if let reference = reference(of: id, text: text, site: site) { affected.insert(reference) } }
            }
        }

        // Leaders of the themes the changed sections had or have.
        var leaderKeys: Set<LeaderKey> = []
        for feature in changedOld + changedNew {
            for theme in feature.themes { leaderKeys.insert(LeaderKey(theme: theme.id, strategy: feature.reference.strategy)) }
        }
        let changedReferences = Set((changedOld + changedNew).map(\.reference))
        for key in leaderKeys {
            let before = leaders[key] ?? []
            let after = leaders(for: key, site: site)
            leaders[key] = after.isEmpty ? nil : after
            guard before != after || before.contains(where: changedReferences.contains) || after.contains(where: changedReferences.contains) else { continue }
            // Every section on the theme in another strategy has these leaders as candidates.
            for (strategy, sections) in site.sectionsByThemeAndStrategy[key.theme] ?? [:] where strategy != key.strategy {
                affected.formUnion(sections)
            }
        }
        for slug in slugs { affected.formUnion(namedBy[slug] ?? []) }

        var changedDocuments: Set<String> = []
        for feature in old where newByKey[feature.reference] == nil {
            ranked[feature.reference] = nil
            changedDocuments.insert(feature.reference.slug)
        }
        let strategies = site.config.strategies.map(\.id)
        let targets = affected.filter { features[$0] != nil }
        let ranking = self
        let computed = Array(targets).parallelMap { ($0, ranking.rank($0, text: text, strategies: strategies)) }
        for (reference, counterparts) in computed {
            if ranked[reference].map({ !$0.offersTheSame(as: counterparts) }) ?? true { changedDocuments.insert(reference.slug) }
            ranked[reference] = counterparts
        }
        return changedDocuments
    }

    // MARK: Features

    static func features(of document: ParsedDocument, text: SectionIndex) -> [Features] {
        let strategy = document.metadata.strategy
        var byAnchor: [String: SectionIndex.Section] = [:]
        for id in text.sections(of: document.slug) { if let section = text.section(id) { byAnchor[section.key.anchor] = section } }
        return document.sections.map { section in
            let reference = SectionReference(slug: document.slug, anchor: section.anchor, strategy: strategy)
            let raw = section.themes.indices.map { 1 / Double($0 + 1) }
            let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let themes = zip(section.themes, raw).map { (id: $0, weight: length > 0 ? $1 / length : 0) }
            var terms: [Int32] = [], weights: [Double] = [], heading: [Int32] = []
            if let indexed = byAnchor[section.anchor] {
                terms = indexed.terms
                weights = indexed.terms.indices.map { i in
                    log(1 + Double(3 * Int(indexed.headingFrequencies[i]) + Int(indexed.bodyFrequencies[i])))
                }
                heading = indexed.terms.indices.filter { indexed.headingFrequencies[$0] > 0 }.map { indexed.terms[$0] }
            }
            let named = section.namedCounterparts.compactMap { target -> SectionReference? in
                guard case .document(let slug, let anchor?) = SiteReference(target) else { return nil }
                return SectionReference(slug: slug, anchor: anchor, strategy: "")
            }
            return Features(reference: reference, themes: themes, terms: terms, termWeights: weights,
                            norm: weights.reduce(0) { $0 + $1 * $1 }.squareRoot(), headingTerms: heading, named: named)
        }
    }

    private mutating func add(_ feature: Features) {
        features[feature.reference] = feature
        for term in feature.headingTerms { headingHolders[term, default: []].insert(feature.reference) }
        strategyByDocument[feature.reference.slug] = feature.reference.strategy
        for target in feature.named { namedBy[target.slug, default: []].insert(feature.reference) }
    }

    private mutating func remove(_ feature: Features) {
        features[feature.reference] = nil
        for term in feature.headingTerms {
            headingHolders[term]?.remove(feature.reference)
            if headingHolders[term]?.isEmpty == true { headingHolders[term] = nil }
        }
        if strategyByDocument[feature.reference.slug] == feature.reference.strategy { strategyByDocument[feature.reference.slug] = nil }
        for target in feature.named { namedBy[target.slug]?.remove(feature.reference) }
    }

    /// The sections of a strategy most about a theme: by the theme's weight in them, then by
    /// document and anchor (never by position, which other documents' edits move).
    private func leaders(for key: LeaderKey, site: LinkedSite) -> [SectionReference] {
        let sections = (site.sectionsByThemeAndStrategy[key.theme]?[key.strategy] ?? []).compactMap { features[$0] }
        return sections.map { ($0.reference, $0.weight(of: key.theme)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : Self.precedes($0.0, $1.0) }
            .prefix(Self.leaderLimit).map(\.0)
    }

    static func precedes(_ a: SectionReference, _ b: SectionReference) -> Bool {
        (a.slug, a.anchor) < (b.slug, b.anchor)
    }

    private func reference(of id: SectionIndex.SectionID, text: SectionIndex, site: LinkedSite) -> SectionReference? {
        guard let key = text.section(id)?.key, !key.anchor.isEmpty, let strategy = site.document(key.document)?.metadata.strategy else { return nil }
        return SectionReference(slug: key.document, anchor: key.anchor, strategy: strategy)
    }

    // MARK: Ranking

    private func rank(_ section: SectionReference, text: SectionIndex, strategies: [String]) -> SectionCounterparts {
        guard let own = features[section] else { return .none }
        var candidates: Set<SectionReference> = []
        for theme in own.themes {
            for strategy in strategies where strategy != section.strategy {
                candidates.formUnion(leaders[LeaderKey(theme: theme.id, strategy: strategy)] ?? [])
            }
        }
        for term in own.terms where text.sectionCount(holding: term) <= Self.rareTermLimit {
            for id in text.sectionIDs(holding: term) {
                guard let key = text.section(id)?.key, !key.anchor.isEmpty, let strategy = strategyByDocument[key.document],
                      strategy != section.strategy else { continue }
                let other = SectionReference(slug: key.document, anchor: key.anchor, strategy: strategy)
                if features[other] != nil { candidates.insert(other) }
            }
        }
        var byStrategy: [String: [Counterpart]] = [:]
        var named: Set<SectionReference> = []
        for target in own.named {
            guard let strategy = strategyByDocument[target.slug], strategy != section.strategy,
                  let other = features[SectionReference(slug: target.slug, anchor: target.anchor, strategy: strategy)] else { continue }
            named.insert(other.reference)
            let (score, shared) = score(own, other, text: text)
            byStrategy[other.reference.strategy, default: []].append(Counterpart(section: other.reference, score: score, sharedThemes: shared, named: true))
        }
        var scored: [String: [Counterpart]] = [:]
        for candidate in candidates where !named.contains(candidate) {
            guard let other = features[candidate] else { continue }
            let (score, shared) = score(own, other, text: text)
            guard score > 0 else { continue }
            scored[candidate.strategy, default: []].append(Counterpart(section: candidate, score: score, sharedThemes: shared, named: false))
        }
        for (strategy, list) in scored {
            let sorted = list.sorted { $0.score != $1.score ? $0.score > $1.score : Self.precedes($0.section, $1.section) }
            let room = max(0, Self.limit - (byStrategy[strategy]?.count ?? 0))
            byStrategy[strategy, default: []].append(contentsOf: sorted.prefix(room))
        }
        return SectionCounterparts(byStrategy: byStrategy)
    }

    /// The score of `b` as a counterpart of `a`, and the themes they share, most central first.
    func score(_ a: Features, _ b: Features, text: SectionIndex) -> (Double, [String]) {
        var shared: [(String, Double)] = []
        for theme in a.themes {
            let other = b.weight(of: theme.id)
            if other > 0 { shared.append((theme.id, theme.weight * other)) }
        }
        let themes = shared.reduce(0) { $0 + $1.1 }
        var heading = 0.0
        var i = 0, j = 0
        while i < a.headingTerms.count, j < b.headingTerms.count {
            if a.headingTerms[i] == b.headingTerms[j] {
                heading += Self.rarity(headingHolders[a.headingTerms[i]]?.count ?? 0); i += 1; j += 1
            } else if a.headingTerms[i] < b.headingTerms[j] { i += 1 } else { j += 1 }
        }
        let headingLengths = (Double(a.headingTerms.count) * Double(b.headingTerms.count)).squareRoot()
        heading = headingLengths > 0 ? heading / headingLengths : 0
        var dot = 0.0
        i = 0; j = 0
        while i < a.terms.count, j < b.terms.count {
            if a.terms[i] == b.terms[j] {
                dot += Self.rarity(text.sectionCount(holding: a.terms[i])) * a.termWeights[i] * b.termWeights[j]; i += 1; j += 1
            } else if a.terms[i] < b.terms[j] { i += 1 } else { j += 1 }
        }
        let norms = a.norm * b.norm
        let body = norms > 0 ? (dot / norms).squareRoot() : 0
        let score = Self.themeWeight * themes + Self.headingWeight * heading + Self.textWeight * body
        return (score, shared.sorted { $0.1 > $1.1 }.map(\.0))
    }
}
