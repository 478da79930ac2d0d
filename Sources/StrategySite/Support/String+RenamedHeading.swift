extension String {
    /// The anchor among `anchors` that an anchor of a renamed heading most likely became: the
    /// one sharing the most of its words (`#recovery` in `#building-recovery-in-communities`),
    /// counting a word shared when one is a near spelling of the other, and preferring, among
    /// equals, the anchor with the fewest other words. Nil when none shares a word that is not
    /// a short joining word.
    func likeliestHeading(in anchors: some Sequence<String>) -> String? {
        let words = Self.headingWords(self)
        guard !words.isEmpty else { return nil }
        var best: (anchor: String, shared: Int, extra: Int)?
        for anchor in anchors {
            let theirs = Self.headingWords(anchor)
            let shared = words.filter { word in theirs.contains { $0 == word || (word.count > 4 && $0.editDistance(to: word) <= 1) } }.count
            guard shared > 0 else { continue }
            let extra = theirs.count - shared
            if best.map({ shared > $0.shared || (shared == $0.shared && extra < $0.extra) }) ?? true {
                best = (anchor, shared, extra)
            }
        }
        return best?.anchor
    }

    private static let joiningWords: Set<String> = ["a", "an", "and", "the", "of", "in", "on", "to", "for", "with", "by", "at", "or"]

    private static func headingWords(_ anchor: String) -> [String] {
        anchor.split(separator: "-").map(String.init).filter { !joiningWords.contains($0) && !$0.allSatisfy(\.isNumber) }
    }
}
