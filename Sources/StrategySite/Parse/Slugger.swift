/// Turns heading text into ids that are readable, stable across builds and unique in a page.
///
/// A heading's id depends only on its text and on the earlier headings with the same text, so
/// a link a reader copied keeps working as long as the heading is not renamed. Letters and
/// digits of every script are kept, lower-cased, as GitHub keeps them (`## Русский текст` →
/// `русский-текст`); everything else separates words. Text with no letter or digit at all
/// (`## ???`) gets an id made from a hash of the text, not a counter, so adding such a
/// heading earlier in the page does not move the ids of later ones.
public struct Slugger: Sendable {
    private var used: Set<String>
    /// The next suffix to try per base, so 20,000 headings with the same text cost linear
    /// time rather than re-probing `-2`, `-3`… from the start each time.
    private var nextSuffix: [String: Int] = [:]

    /// - Parameter reserved: ids the page uses itself (from its templates), never given out.
    public init(reserved: Set<String> = []) {
        used = reserved
    }

    /// `"The New PSAs"` becomes `the-new-psas`; a second `"Prisons"` becomes `prisons-2`.
    public mutating func slug(for text: String) -> String {
        unique(Slugger.slug(text))
    }

    /// `base` if it is free, otherwise `base-2`, `base-3`… whichever comes first.
    public mutating func unique(_ base: String) -> String {
        if used.insert(base).inserted { return base }
        var counter = nextSuffix[base, default: 2]
        var candidate = "\(base)-\(counter)"
        while !used.insert(candidate).inserted {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        nextSuffix[base] = counter + 1
        return candidate
    }

    /// The id for `text` before it is made unique.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingHyphen, !slug.isEmpty { slug.unicodeScalars.append("-") }
                    pendingHyphen = false
                    slug.unicodeScalars.append(scalar)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingHyphen, !slug.isEmpty { slug.unicodeScalars.append("-") }
                    pendingHyphen = false
                    slug.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
                case UInt8(ascii: "'"):
                    break // "don't" is one word
                default:
                    pendingHyphen = true
                }
            } else if scalar == "’" {
                continue
            } else if isWordScalar(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.unicodeScalars.append("-") }
                pendingHyphen = false
                slug += scalar.properties.lowercaseMapping
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section-" + fingerprint(text) : slug
    }

    /// Letters, digits and combining marks of any script.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Eight hex digits of the FNV-1a hash of `text`'s UTF-8 bytes: short, stable, spread.
    public static func fingerprint(_ text: String) -> String {
        var text = text
        return text.withUTF8 { fingerprint($0) }
    }

    public static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
