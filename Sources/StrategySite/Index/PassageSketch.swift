/// A fixed-size summary of a passage's words that says how alike two passages are without
/// keeping their text: a MinHash sketch over the passage's words and pairs of words.
///
/// The passage ledger keeps one per published passage id, so when a paragraph is edited
/// (a typo mended, a figure corrected) the build can tell that the new paragraph is the old
/// one changed a little and keep the old id landing on it. The share of equal slots
/// estimates the Jaccard similarity of the two word sets; a one-word change in a
/// thirty-word paragraph keeps it near 0.9, a different paragraph stays near 0.
public struct PassageSketch: Sendable, Hashable {
    public static let slots = 16
    /// Similarity at or above which an edited passage is taken for the one it was.
    public static let sameDegree = 0.5

    public var values: [UInt32]

    public init(values: [UInt32]) {
        self.values = values
    }

    /// The sketch of `text` (a passage's text on one line, markup removed).
    public init(text: String) {
        let words = Tokenizer.tokens(in: text).filter { !$0.joined }.map(\.text)
        var values = [UInt32](repeating: .max, count: Self.slots)
        var previous: UInt64?
        for word in words {
            let hash = Self.fnv1a(word)
            Self.lower(&values, with: hash)
            // Pairs of words keep their order in the sketch, so a reordered paragraph differs.
            if let previous { Self.lower(&values, with: Self.mix(previous &* 31 ^ hash)) }
            previous = hash
        }
        self.values = words.isEmpty ? [] : values
    }

    /// The estimated share of words and pairs two passages have in common; 0 when either
    /// passage has no words.
    public func similarity(to other: PassageSketch) -> Double {
        guard values.count == Self.slots, other.values.count == Self.slots else { return 0 }
        return Double(zip(values, other.values).filter { $0 == $1 }.count) / Double(Self.slots)
    }

    /// The sketch as the ledger writes it: eight hex digits per slot, or `-` for no words.
    public var text: String {
        values.isEmpty ? "-" : values.map { String($0, radix: 16).leftPadded(to: 8) }.joined()
    }

    /// A sketch written by ``text``, or nil when it is not one.
    public init?(parsing text: Substring) {
        if text == "-" {
            values = []
            return
        }
        guard text.utf8.count == Self.slots * 8 else { return nil }
        var values: [UInt32] = []
        var index = text.startIndex
        for _ in 0..<Self.slots {
            let end = text.index(index, offsetBy: 8)
            guard let value = UInt32(text[index..<end], radix: 16) else { return nil }
            values.append(value)
            index = end
        }
        self.values = values
    }

    private static func lower(_ values: inout [UInt32], with hash: UInt64) {
        for slot in 0..<slots {
            let value = UInt32(truncatingIfNeeded: mix(hash ^ seeds[slot]) >> 32)
            if value < values[slot] { values[slot] = value }
        }
    }

    /// Fixed, so a sketch written by one build compares with one written by any other.
    private static let seeds: [UInt64] = (0..<UInt64(slots)).map { mix(0x9E37_79B9_7F4A_7C15 &* ($0 + 1)) }

    private static func fnv1a(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }

    /// SplitMix64's finaliser: spreads every input bit over the whole word.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
