import Foundation

/// Splits text into the words the index and the search page compare: Unicode letters and
/// digits, lower-cased and with diacritics removed (so "Café" and "cafe" are one word), and
/// apostrophes inside a word kept as `'` (the stemmer removes a possessive `'s`).
///
/// Two kinds of word are also written joined, at the position of their first part, because
/// readers type them either way:
/// - a hyphenated form, "re-offending", is also "reoffending" (the parts stay words too);
///   in a longer run each pair is joined as well, since a hyphen often stands for a dash:
///   "re-offending-employment" is also "reoffending" and "offendingemployment";
/// - an indicator code, two to six capital letters and a number after one space ("NI 149",
///   "PSA 14"), is also "ni149", the form `ni149` and `NI149` take as one word.
///
/// `Templates/assets/search.js` splits a query by the same rules.
public enum Tokenizer {
    public struct Token: Sendable, Hashable {
        /// Folded and lower-cased; not stemmed.
        public var text: String
        /// The word's place in the text, counting every word (joined forms share their
        /// first part's): what phrase matching compares.
        public var position: Int
        /// A joined form (hyphenated or code), not a word as written.
        public var joined: Bool
    }

    /// The tokens of `text`, in order.
    public static func tokens(in text: String) -> [Token] {
        var scanner = Scanner(text)
        var tokens: [Token] = []
        var position = 0
        // The hyphenated run being read: its parts and their positions.
        var compound: [(text: String, position: Int)] = []
        // The previous word, if it could start a code: capitals only, then one space.
        var codeStart: (text: String, position: Int)?
        while let word = scanner.nextWord() {
            let token = Token(text: word.text, position: position, joined: false)
            if word.afterHyphen, !compound.isEmpty {
                compound.append((word.text, position))
            } else {
                Self.appendJoined(compound, to: &tokens)
                compound = [(word.text, position)]
            }
            if let start = codeStart, word.afterSingleSpace, word.digitsOnly, word.text.utf8.count <= 4 {
                tokens.append(Token(text: start.text + word.text, position: start.position, joined: true))
            }
            codeStart = word.capitalsOnly && (2...6).contains(word.text.count) ? (word.text, position) : nil
            tokens.append(token)
            position += 1
        }
        Self.appendJoined(compound, to: &tokens)
        return tokens
    }

    /// A hyphenated run's joined forms: the whole run, then each pair of a longer one.
    static func appendJoined(_ run: [(text: String, position: Int)], to tokens: inout [Token]) {
        guard run.count > 1 else { return }
        tokens.append(Token(text: run.map(\.text).joined(), position: run[0].position, joined: true))
        guard run.count > 2 else { return }
        for i in 0..<(run.count - 1) { tokens.append(Token(text: run[i].text + run[i + 1].text, position: run[i].position, joined: true)) }
    }

    /// Reads words from UTF-8 text, one Unicode scalar at a time (ASCII without decoding).
    struct Scanner {
        struct Word {
            var text: String
            /// Joined to the word before by one hyphen.
            var afterHyphen: Bool
            /// Separated from the word before by exactly one space.
            var afterSingleSpace: Bool
            var capitalsOnly: Bool
            var digitsOnly: Bool
        }

        private let scalars: [Unicode.Scalar]
        private var index = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        mutating func nextWord() -> Word? {
            while true {
                var gap: [Unicode.Scalar] = []
                while index < scalars.count, Self.kind(of: scalars[index]) == .other {
                    if gap.count < 2 { gap.append(scalars[index]) }
                    index += 1
                }
                guard index < scalars.count else { return nil }
                var text: [UInt8] = []
                var capitalsOnly = true
                var digitsOnly = true
                reading: while index < scalars.count {
                    let scalar = scalars[index]
                    switch Self.kind(of: scalar) {
                    case .letter:
                        if !scalar.properties.isUppercase { capitalsOnly = false }
                        digitsOnly = false
                        Self.appendFolded(scalar, to: &text)
                    case .digit:
                        capitalsOnly = false
                        Self.appendFolded(scalar, to: &text)
                    case .mark:
                        break
                    case .other:
                        guard Self.isApostrophe(scalar), !text.isEmpty, index + 1 < scalars.count,
                              Self.kind(of: scalars[index + 1]) != .other else { break reading }
                        text.append(UInt8(ascii: "'"))
                        capitalsOnly = false
                        digitsOnly = false
                    }
                    index += 1
                }
                guard !text.isEmpty else { continue }
                let afterHyphen = gap.count == 1 && Self.isHyphen(gap[0])
                let afterSingleSpace = gap.count == 1 && (gap[0] == " " || gap[0] == "\u{A0}")
                return Word(text: String(decoding: text, as: UTF8.self), afterHyphen: afterHyphen, afterSingleSpace: afterSingleSpace,
                            capitalsOnly: capitalsOnly, digitsOnly: digitsOnly)
            }
        }

        enum Kind { case letter, digit, mark, other }

        /// Letters and digits make words (Unicode's L and N categories); combining marks
        /// belong to the letter before them and are dropped.
        static func kind(of scalar: Unicode.Scalar) -> Kind {
            if scalar.isASCII {
                switch scalar.value {
                case 0x30...0x39: return .digit
                case 0x41...0x5A, 0x61...0x7A: return .letter
                default: return .other
                }
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
            case .decimalNumber, .letterNumber, .otherNumber: return .digit
            default: return .other
            }
        }

        /// Lower case, diacritics removed (canonical decomposition without its marks).
        static func appendFolded(_ scalar: Unicode.Scalar, to text: inout [UInt8]) {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                text.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                return
            }
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars {
                switch part.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default: text.append(contentsOf: part.properties.lowercaseMapping.utf8)
                }
            }
        }

        static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{2BC}" }
        static func isHyphen(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "\u{2010}" || s == "\u{2011}" }
    }
}
