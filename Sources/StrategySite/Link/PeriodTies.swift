/// Which period a sentence gives for each figure in it: "fell from £550 million in 2015/16 to
/// £408m in 2016/17" gives 2015/16 for £550 million and 2016/17 for £408m.
///
/// A period is a year (`2007`) or a span of years (`2015/16`, `2011-12`, `2014–15`,
/// `2015 – 2020`). English puts the period after the figure it dates ("£4m funding in
/// 2011-12"), or at the head of the sentence for every figure that follows ("In 2010/11, 62,830
/// offenders…"); so a period is tied to the nearest figure before it, or, when none comes
/// before it, to the nearest after it. Figures written in words ("six") carry no digits and
/// are tied to nothing, and neither is a paragraph's own numbering.
struct PeriodTies {
    let text: String
    /// Where each period stands in `text`.
    private(set) var periods: [Range<String.Index>] = []
    /// Where each figure (a run of digits with its decimal points and thousands separators)
    /// stands, periods excepted.
    private(set) var figures: [Range<String.Index>] = []

    init(_ text: String) {
        self.text = text
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCIIDigit, !Self.continuesNumber(text, at: index) else { index = text.index(after: index); continue }
            let run = Self.numberRun(text, from: index)
            if let period = Self.period(text, startingWith: run) {
                periods.append(period)
                index = period.upperBound
            } else {
                if !Self.isNumbering(text, run) { figures.append(run) }
                index = run.upperBound
            }
        }
    }

    /// The periods tied to the figures inside `range` (the place a value is written).
    func periods(tiedTo range: Range<String.Index>) -> [Range<String.Index>] {
        periods.filter { period in
            guard !range.overlaps(period) else { return false }
            guard let figure = figure(tiedTo: period) else { return false }
            return range.contains(figure.lowerBound)
        }
    }

    /// The figure a period dates: the nearest before it, else the nearest after it.
    func figure(tiedTo period: Range<String.Index>) -> Range<String.Index>? {
        figures.last { $0.upperBound <= period.lowerBound } ?? figures.first { $0.lowerBound >= period.upperBound }
    }

    /// Whether a number is the paragraph's numbering ("4.3 In 2009/10 8.6% of adults…"): it
    /// opens the text and a capital letter follows it, so it counts nothing.
    private static func isNumbering(_ text: String, _ run: Range<String.Index>) -> Bool {
        guard run.lowerBound == text.startIndex, run.upperBound < text.endIndex, text[run.upperBound] == " " else { return false }
        let next = text.index(after: run.upperBound)
        return next < text.endIndex && text[next].isUppercase
    }

    /// Whether the digit at `index` continues a number ("8.8", "62,830", "x2").
    private static func continuesNumber(_ text: String, at index: String.Index) -> Bool {
        guard index > text.startIndex else { return false }
        let before = text.index(before: index)
        if text[before].isASCIIDigit || text[before].isLetter { return true }
        guard text[before] == "." || text[before] == ",", before > text.startIndex else { return false }
        return text[text.index(before: before)].isASCIIDigit
    }

    /// Digits from `start`, with any `.` or `,` between digits.
    private static func numberRun(_ text: String, from start: String.Index) -> Range<String.Index> {
        var end = start
        while end < text.endIndex {
            if text[end].isASCIIDigit { end = text.index(after: end); continue }
            let next = text.index(after: end)
            if text[end] == "." || text[end] == ",", next < text.endIndex, text[next].isASCIIDigit { end = next; continue }
            break
        }
        return start..<end
    }

    /// A year from 1900 to 2099 standing alone, with the second year of a span after it.
    private static func period(_ text: String, startingWith run: Range<String.Index>) -> Range<String.Index>? {
        let digits = text[run]
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit), digits.hasPrefix("19") || digits.hasPrefix("20") else { return nil }
        if run.upperBound < text.endIndex, text[run.upperBound].isLetter { return nil }
        var cursor = run.upperBound
        func skipSpace() { while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) } }
        skipSpace()
        guard cursor < text.endIndex, "/-–—".contains(text[cursor]) else { return run }
        cursor = text.index(after: cursor)
        skipSpace()
        var end = cursor
        while end < text.endIndex, text[end].isASCIIDigit { end = text.index(after: end) }
        let second = text.distance(from: cursor, to: end)
        guard second == 2 || second == 4, end == text.endIndex || !text[end].isLetter else { return run }
        return run.lowerBound..<end
    }

    /// The years of a period, for telling that `2016-17` is `2016/17` written another way:
    /// the first year, and the last two digits of the second if there is one.
    static func years(of period: Substring) -> [Int] {
        var numbers: [Int] = []
        var current = ""
        for character in period {
            if character.isASCIIDigit { current.append(character) } else if !current.isEmpty { numbers.append(Int(current) ?? 0); current = "" }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? 0) }
        return numbers.enumerated().map { $0.offset == 0 ? $0.element : $0.element % 100 }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
