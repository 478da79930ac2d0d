extension String {
    /// Edit distance with two neighbouring characters swapped counted as one edit (optimal
    /// string alignment), for "did you mean" hints on misspelt names: the commonest slip of
    /// the keyboard, `2071` for `2017`, is one edit from what was meant, not two.
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(0...b.count)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The closest of `candidates` when it is close enough to be a plausible typo.
    func closest(in candidates: some Sequence<String>) -> String? {
        let best = candidates.min { editDistance(to: $0) < editDistance(to: $1) }
        guard let best, editDistance(to: best) <= Swift.max(2, count / 3) else { return nil }
        return best
    }
}
