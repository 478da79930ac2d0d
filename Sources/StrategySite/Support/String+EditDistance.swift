extension String {
    /// Levenshtein distance, for "did you mean" hints on misspelt names.
    func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
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
