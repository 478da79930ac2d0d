/// Splits one-line text into sentences, the units in which a figure, its note and its period
/// must stand together.
///
/// A sentence ends at `.`, `!` or `?` (after any closing quotes or brackets) followed by a
/// space and a capital letter, a digit, a currency sign or an opening quote; so decimal
/// points ("8.8%"), abbreviations before lower-case words ("e.g. the") and initials inside a
/// name followed by a capital ("H.M. Government") are the only guesses, and the last is
/// taken as a sentence end only when the word before the stop is longer than one letter.
enum Sentences {
    static func split(_ text: String) -> [String] {
        let characters = Array(text)
        return ranges(characters).map { String(characters[$0]) }
    }

    /// Where each sentence of `text` stands, in characters.
    static func ranges(_ text: String) -> [Range<Int>] { ranges(Array(text)) }

    static func ranges(_ characters: [Character]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "." || character == "!" || character == "?" else { index += 1; continue }
            var end = index + 1
            while end < characters.count, Self.closers.contains(characters[end]) { end += 1 }
            guard end + 1 < characters.count, characters[end] == " ", Self.opensSentence(characters[end + 1]),
                  character != "." || !Self.isInitial(characters, before: index) else { index = end; continue }
            sentences.append(start..<end)
            start = end + 1
            index = start
        }
        if start < characters.count { sentences.append(start..<characters.count) }
        return sentences.filter { !$0.isEmpty }
    }

    static let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»"]

    static func opensSentence(_ character: Character) -> Bool {
        character.isUppercase || character.isNumber || "£$€“‘\"'(".contains(character)
    }

    /// Whether the stop at `index` ends a one-letter word ("H." in "H.M."), which is an
    /// initial rather than the end of a sentence.
    static func isInitial(_ characters: [Character], before index: Int) -> Bool {
        guard index >= 1, characters[index - 1].isLetter else { return false }
        return index == 1 || !(characters[index - 2].isLetter || characters[index - 2].isNumber)
    }
}
