/// Finds mentions of indicator codes (`NI 149`, `NI149`, `PSA 25`) in running text.
///
/// A mention must stand as whole words: `NI 14` does not match inside `NI 149`. Where two
/// forms start at the same place the longest wins. Matching is on UTF-8 bytes with candidates
/// grouped by first byte, so the cost grows with the text, not with the number of indicators.
struct IndicatorMatcher: Sendable {
    struct Match: Equatable { var range: Range<Int>; var indicatorID: String }

    private var forms: [UInt8: [(bytes: [UInt8], id: String)]] = [:]

    init(indicators: [Indicator]) {
        for indicator in indicators {
            for form in indicator.mentionForms {
                let bytes = Array(form.utf8)
                guard let first = bytes.first else { continue }
                forms[first, default: []].append((bytes, indicator.id))
            }
        }
        for key in forms.keys { forms[key]?.sort { $0.bytes.count > $1.bytes.count } }
    }

    var isEmpty: Bool { forms.isEmpty }

    /// Byte ranges of every mention in `text`, left to right, not overlapping.
    func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var result: [Match] = []
        var index = 0
        while index < bytes.count {
            if let candidates = forms[bytes[index]], index == 0 || !Self.isWordByte(bytes[index - 1]) {
                if let found = candidates.first(where: { matchesForm($0.bytes, in: bytes, at: index) }) {
                    result.append(Match(range: index..<(index + found.bytes.count), indicatorID: found.id))
                    index += found.bytes.count
                    continue
                }
            }
            index += 1
        }
        return result
    }

    private func matchesForm(_ form: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        let end = index + form.count
        guard end <= bytes.count else { return false }
        for offset in 0..<form.count where bytes[index + offset] != form[offset] { return false }
        return end == bytes.count || !Self.isWordByte(bytes[end])
    }

    /// Letters, digits and any byte of a non-ASCII character count as part of a word.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }
}
