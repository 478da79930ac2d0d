/// The passage of a section that says the most about a theme, as its excerpt on the theme's
/// page, with the words that match the theme marked.
///
/// The theme's words are its title, summary and the names the strategies give it, read as the
/// text index reads text (``SectionIndex/terms(of:)``: folded, stop words out, stemmed). Each
/// sentence of the section scores the number of different theme terms it holds; the best
/// (the first, on a tie) is the passage, cut to ``wordLimit`` words around its first match.
/// With no match at all, the passage is the section's first words, as elsewhere.
struct ThemePassage {
    static let wordLimit = 40

    let terms: Set<String>

    init(_ theme: Theme) {
        let words = [theme.title, theme.summary] + theme.names.keys.sorted().compactMap { theme.names[$0] }
        terms = Set(SectionIndex.terms(of: words.joined(separator: " ")).map(\.term))
    }

    /// The passage of `text` (one line, as sections keep it) as escaped HTML, matched words in
    /// `<mark>`.
    func html(_ text: String) -> String {
        let sentences = Self.sentences(text)
        var best: [Substring] = []
        var bestScore = 0
        for sentence in sentences {
            let words = sentence.split(separator: " ")
            let found = Set(words.compactMap(term(of:)).filter(terms.contains))
            if found.count > bestScore { best = words; bestScore = found.count }
        }
        guard bestScore > 0 else { return HTML.escape(SearchText.excerpt(text, words: 30)) }
        var start = 0, end = best.count
        if best.count > Self.wordLimit {
            let first = best.firstIndex { term(of: $0).map(terms.contains) == true } ?? 0
            start = max(0, min(first - 5, best.count - Self.wordLimit))
            end = start + Self.wordLimit
        }
        var out = start > 0 ? "… " : ""
        for (index, word) in best[start..<end].enumerated() {
            if index > 0 { out += " " }
            if let term = term(of: word), terms.contains(term) {
                // The word itself is marked, not the punctuation around it.
                let core = word.drop { !$0.isLetter && !$0.isNumber }
                let trimmed = core.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed()
                let lead = word[word.startIndex..<core.startIndex]
                let tail = String(core.dropFirst(trimmed.count))
                out += HTML.escape(String(lead)) + "<mark>" + HTML.escape(String(trimmed)) + "</mark>" + HTML.escape(tail)
            } else {
                out += HTML.escape(String(word))
            }
        }
        if end < best.count { out += " …" }
        return out
    }

    /// The one term a written word makes, if it makes exactly one.
    private func term(of word: Substring) -> String? {
        let found = SectionIndex.terms(of: String(word))
        return found.count == 1 ? found[0].term : nil
    }

    /// Sentences: split after `.`, `!` or `?` followed by a space and a capital or a digit.
    static func sentences(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if ".!?".contains(text[index]), next < text.endIndex, text[next] == " " {
                let after = text.index(after: next)
                if after < text.endIndex, text[after].isUppercase || text[after].isNumber {
                    result.append(text[start..<next])
                    start = after
                }
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }
}
