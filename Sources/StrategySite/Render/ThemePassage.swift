/// The passage of a section that says the most about a theme, as its excerpt on the theme's
/// page, with the words that match the theme marked.
///
/// The theme's words are its title, summary and the names the strategies give it, read as the
/// text index reads text (``SectionIndex/terms(of:)``: folded, stop words out, stemmed). Each
/// sentence of the section scores the number of different theme terms it holds; the best
/// (the first, on a tie) is the passage, cut to ``wordLimit`` words around its first match.
/// With no match at all, the passage is the section's first words, as elsewhere.
struct ThemePassage: Sendable {
    static let wordLimit = 40

    let terms: Set<String>
    /// The first two letters or digits of every term (all of a shorter one): what a word must
    /// start with to stem to one of them (``mayMatch(_:prefixes:)``).
    private let prefixes: Set<UInt16>

    init(_ theme: Theme) {
        let words = [theme.title, theme.summary] + theme.names.keys.sorted().compactMap { theme.names[$0] }
        terms = Set(SectionIndex.terms(of: words.joined(separator: " ")).map(\.term))
        prefixes = Set(terms.map(Self.prefix(of:)))
    }

    /// A term's first two bytes (or its one), as ``mayMatch(_:prefixes:)`` compares them.
    static func prefix(of term: String) -> UInt16 { prefix(Array(term.utf8.prefix(2))) }

    private static func prefix(_ bytes: [UInt8]) -> UInt16 {
        UInt16(bytes.first ?? 0) << 8 | UInt16(bytes.count > 1 ? bytes[1] : 0)
    }

    /// Whether `word` (as split at spaces) could make one of the theme's terms, decided
    /// without the tokenizer and stemmer for most words: stemming only rewrites a word's end,
    /// so the term of a word of plain ASCII letters and digits starts with the word's first
    /// two (of the Snowball vocabulary the tests hold the stemmer to, only dying, lying and
    /// tying and one-letter possessives do not, and they are let through). Anything
    /// else (a letter beyond ASCII, a word that splits into tokens early) is let through to the
    /// full reading, so this never changes which words match.
    static func mayMatch(_ word: Substring, prefixes: Set<UInt16>) -> Bool {
        var found: [UInt8] = []
        var started = false
        for byte in word.utf8 {
            if byte >= 0x80 { return true }
            let isDigit = byte >= 0x30 && byte <= 0x39
            let lower = byte | 0x20
            let isLetter = lower >= 0x61 && lower <= 0x7A
            if isDigit || isLetter {
                started = true
                found.append(isLetter ? lower : byte)
                if found.count == 2 { break }
            } else if started {
                // The word splits (or has an apostrophe) within its first two characters.
                return true
            }
        }
        guard found.count == 2 else { return true }
        // dying, lying and tying stem to die, lie and tie.
        return prefixes.contains(prefix(found)) || (found[1] == UInt8(ascii: "y") && "dlt".utf8.contains(found[0]))
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

    /// The one term a written word makes, if it makes exactly one; nil without reading it
    /// when it cannot be one of the theme's (``mayMatch(_:prefixes:)``), which is all the callers ask.
    private func term(of word: Substring) -> String? {
        guard Self.mayMatch(word, prefixes: prefixes) else { return nil }
        let found = SectionIndex.terms(of: String(word))
        return found.count == 1 ? found[0].term : nil
    }

    /// Sentences: split after `.`, `!` or `?` followed by a space and a capital or a digit.
    /// Read scalar by scalar, with a `Character` made only where `. ` was found: walking the
    /// whole text as grapheme clusters was a fifth of a build's instructions (callgrind, 1,000
    /// documents).
    static func sentences(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            let scalar = scalars[index]
            if scalar == "." || scalar == "!" || scalar == "?", next < scalars.endIndex, scalars[next] == " " {
                let after = scalars.index(after: next)
                if after < scalars.endIndex, Self.startsSentence(text[after...].first) {
                    result.append(text[start..<next])
                    start = after
                }
            }
            index = next
        }
        if start < scalars.endIndex { result.append(text[start...]) }
        return result
    }

    /// A capital or a digit, as a sentence after `. ` starts.
    private static func startsSentence(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isUppercase || character.isNumber
    }
}
