/// Finds mentions of indicator codes (`NI 149`, `NI149`, `PSA 25`) in running text.
///
/// A mention must stand as whole words: `NI 14` does not match inside `NI 149`, nor `NI 149`
/// inside `NI 1490` or `ΝΙ 149α`. What counts as a word is Unicode's: letters, digits and
/// marks of any script continue a word; punctuation of any script (`’`, `–`) ends it. Where
/// two forms start at the same place the longest wins. Matching is on UTF-8 bytes with
/// candidates grouped by first byte, so the cost grows with the text, not the catalogue.
public struct IndicatorMatcher: Sendable {
    public struct Match: Equatable, Sendable { public var range: Range<Int>; public var indicatorID: String }

    private var forms: [UInt8: [(bytes: [UInt8], id: String)]] = [:]
    /// Whether any form starts with a byte: one array read per byte of text, not a hash lookup.
    private var starts = [Bool](repeating: false, count: 256)

    public init(indicators: [Indicator]) {
        for indicator in indicators {
            for form in indicator.mentionForms {
                let bytes = Array(form.utf8)
                guard let first = bytes.first else { continue }
                forms[first, default: []].append((bytes, indicator.id))
            }
        }
        for key in forms.keys {
            forms[key]?.sort { $0.bytes.count > $1.bytes.count }
            starts[Int(key)] = true
        }
    }


    /// Byte ranges of every mention in `text`, left to right, not overlapping.
    public func matches(in text: String) -> [Match] {
        var text = text
        return text.withUTF8 { matches(in: $0) }
    }

    public func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        guard !forms.isEmpty else { return [] }
        var result: [Match] = []
        var index = 0
        while index < bytes.count {
            if starts[Int(bytes[index])], let candidates = forms[bytes[index]], !Self.endsWord(bytes, before: index),
               let found = candidates.first(where: { matchesForm($0.bytes, in: bytes, at: index) }) {
                result.append(Match(range: index..<(index + found.bytes.count), indicatorID: found.id))
                index += found.bytes.count
                continue
            }
            index += 1
        }
        return result
    }

    private func matchesForm(_ form: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let end = index + form.count
        guard end <= bytes.count else { return false }
        for offset in 0..<form.count where bytes[index + offset] != form[offset] { return false }
        return !Self.startsWord(bytes, at: end)
    }

    /// Whether the character that ends just before `index` is part of a word.
    static func endsWord(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
        return isWord(bytes, at: start)
    }

    /// Whether the character that starts at `index` is part of a word.
    static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        return isWord(bytes, at: index)
    }

    private static func isWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 {
            return (lead >= 0x30 && lead <= 0x39) || (lead >= 0x41 && lead <= 0x5A) || (lead >= 0x61 && lead <= 0x7A)
        }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return Slugger.isWordScalar(scalar)
    }
}
