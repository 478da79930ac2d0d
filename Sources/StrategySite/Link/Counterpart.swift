/// A section of another strategy offered beside a section as the same subject: the first
/// of its strategy is the best match, the rest follow in order of relevance.
public struct Counterpart: Sendable, Hashable {
    public var section: SectionReference
    /// How well it matches, for ordering (themes and text, each from 0 to 1; see
    /// ``CounterpartIndex``). Named counterparts come first whatever their score.
    public var score: Double
    /// Themes both sections carry, the most central to both first: why they match.
    public var sharedThemes: [String]
    /// Named by an editor (`<!-- counterparts: doc:slug#anchor -->`) rather than ranked.
    public var named: Bool
}

/// A section's counterparts in each other strategy, best first.
public struct SectionCounterparts: Sendable, Hashable {
    /// Strategy id to its sections, best first (at most ``CounterpartIndex/limit``).
    public var byStrategy: [String: [Counterpart]]

    public static let none = SectionCounterparts(byStrategy: [:])

    /// Whether a page shows the two alike: the same sections, in the same order, for the same
    /// reasons (scores aside, which move a little with any edit that changes a term's rarity).
    func offersTheSame(as other: SectionCounterparts) -> Bool {
        func shown(_ list: SectionCounterparts) -> [String: [[String]]] {
            list.byStrategy.mapValues { $0.map { [$0.section.slug, $0.section.anchor, $0.named ? "named" : ""] + $0.sharedThemes } }
        }
        return shown(self) == shown(other)
    }
}
