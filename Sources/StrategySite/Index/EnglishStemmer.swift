/// The Porter2 ("Snowball English") stemmer, so that "treatments", "treatment" and
/// "treated" are one term in the index and in a query.
///
/// Written from the algorithm's published description (snowballstem.org, "The English
/// (Porter2) stemming algorithm"); `Templates/assets/search.js` holds the same algorithm in
/// JavaScript, and the tests check both against the Snowball project's own implementation on
/// a vocabulary, so the build and the browser always agree on a word's stem.
///
/// Only words of the letters `a`–`z` and apostrophes are stemmed (the tokenizer has already
/// lower-cased and folded them); any other word is its own stem, since the rules are English.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x27 }) else { return word }
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Words that the rules would get wrong, with their stems, and words left as they are.
    private static let exceptions1: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
    /// Words left as they are after step 1a.
    private static let exceptions2: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]
    /// Beginnings after which R1 starts, where the general rule would put it too early.
    private static let regionPrefixes: [[UInt8]] = ["gener", "commun", "arsen"].map { Array($0.utf8) }

    static func stem(_ w: inout [UInt8]) {
        if let exception = exceptions1[String(decoding: w, as: UTF8.self)] { w = Array(exception.utf8); return }
        guard w.count > 2 else { return }
        // Prelude: no leading apostrophe; a y that starts the word or follows a vowel is a consonant (Y).
        if w.first == 0x27 { w.removeFirst() }
        var foundY = false
        for i in w.indices where w[i] == 0x79 && (i == 0 || isVowel(w[i - 1])) {
            w[i] = 0x59
            foundY = true
        }
        let (p1, p2) = regions(w)
        var word = Word(bytes: w, p1: p1, p2: p2)
        word.step0()
        word.step1a()
        if !exceptions2.contains(String(decoding: word.bytes, as: UTF8.self)) {
            word.step1b()
            word.step1c()
            word.step2()
            word.step3()
            word.step4()
            word.step5()
        }
        w = word.bytes
        if foundY { for i in w.indices where w[i] == 0x59 { w[i] = 0x79 } }
    }

    static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
    }

    /// R1 starts after the first non-vowel that follows a vowel; R2 is the same within R1.
    static func regions(_ w: [UInt8]) -> (Int, Int) {
        func after(_ start: Int) -> Int {
            var i = start
            while i < w.count, !isVowel(w[i]) { i += 1 }
            while i < w.count, isVowel(w[i]) { i += 1 }
            return min(i + 1, w.count)
        }
        let p1 = regionPrefixes.first(where: { w.starts(with: $0) })?.count ?? after(0)
        return (p1, after(p1))
    }

    private struct Word {
        var bytes: [UInt8]
        let p1: Int
        let p2: Int

        func ends(_ suffix: [UInt8]) -> Bool { bytes.count >= suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix) }
        /// The longest of `suffixes` the word ends with.
        func longest(_ suffixes: [[UInt8]]) -> [UInt8]? {
            var best: [UInt8]?
            for suffix in suffixes where ends(suffix) && suffix.count > (best?.count ?? -1) { best = suffix }
            return best
        }
        func inR1(_ suffix: [UInt8]) -> Bool { bytes.count - suffix.count >= p1 }
        func inR2(_ suffix: [UInt8]) -> Bool { bytes.count - suffix.count >= p2 }
        mutating func replace(_ suffix: [UInt8], with replacement: String) {
            bytes.removeLast(suffix.count)
            bytes.append(contentsOf: replacement.utf8)
        }
        func containsVowel(before end: Int) -> Bool { bytes[..<end].contains(where: isVowel) }

        /// A short syllable ends the word: non-vowel, vowel, non-vowel other than w, x and Y;
        /// or vowel, non-vowel at the start of the word.
        var endsInShortSyllable: Bool {
            let n = bytes.count
            if n >= 3, !isVowel(bytes[n - 3]), isVowel(bytes[n - 2]), !isVowel(bytes[n - 1]),
               bytes[n - 1] != 0x77, bytes[n - 1] != 0x78, bytes[n - 1] != 0x59 { return true }
            return n == 2 && isVowel(bytes[0]) && !isVowel(bytes[1])
        }
        var isShort: Bool { p1 >= bytes.count && endsInShortSyllable }

        mutating func step0() {
            if let suffix = longest(S.step0) { bytes.removeLast(suffix.count) }
        }

        mutating func step1a() {
            guard let suffix = longest(S.step1a) else { return }
            switch suffix {
            case S.sses: replace(suffix, with: "ss")
            case S.ied, S.ies: replace(suffix, with: bytes.count - suffix.count > 1 ? "i" : "ie")
            case S.s:
                // Delete if a vowel comes before the letter before the s (gaps, not gas).
                if bytes.count >= 3, containsVowel(before: bytes.count - 2) { bytes.removeLast() }
            default: break // us, ss
            }
        }

        mutating func step1b() {
            guard let suffix = longest(S.step1b) else { return }
            if suffix == S.eed || suffix == S.eedly {
                if inR1(suffix) { replace(suffix, with: "ee") }
                return
            }
            guard containsVowel(before: bytes.count - suffix.count) else { return }
            bytes.removeLast(suffix.count)
            if ends(S.at) || ends(S.bl) || ends(S.iz) {
                bytes.append(0x65)
            } else if let last = bytes.last, bytes.count >= 2, bytes[bytes.count - 2] == last, S.doubles.contains(last) {
                bytes.removeLast()
            } else if isShort {
                bytes.append(0x65)
            }
        }

        mutating func step1c() {
            let n = bytes.count
            guard n > 2, bytes[n - 1] == 0x79 || bytes[n - 1] == 0x59, !isVowel(bytes[n - 2]) else { return }
            bytes[n - 1] = 0x69
        }

        mutating func step2() {
            guard let suffix = longest(S.step2.map(\.0)), inR1(suffix) else { return }
            if suffix == S.ogi {
                if bytes.count > 3, bytes[bytes.count - 4] == 0x6C { replace(suffix, with: "og") }
            } else if suffix == S.li {
                if bytes.count > 2, S.liEndings.contains(bytes[bytes.count - 3]) { bytes.removeLast(2) }
            } else if let replacement = S.step2Replacements[suffix] {
                replace(suffix, with: replacement)
            }
        }

        mutating func step3() {
            guard let suffix = longest(S.step3.map(\.0)), inR1(suffix) else { return }
            if suffix == S.ative {
                if inR2(suffix) { bytes.removeLast(suffix.count) }
            } else if let replacement = S.step3Replacements[suffix] {
                replace(suffix, with: replacement)
            }
        }

        mutating func step4() {
            guard let suffix = longest(S.step4), inR2(suffix) else { return }
            if suffix == S.ion {
                let before = bytes.count - 4
                if before >= 0, bytes[before] == 0x73 || bytes[before] == 0x74 { bytes.removeLast(3) }
            } else {
                bytes.removeLast(suffix.count)
            }
        }

        mutating func step5() {
            guard let last = bytes.last else { return }
            if last == 0x65 {
                let suffix = S.e
                if inR2(suffix) {
                    bytes.removeLast()
                } else if inR1(suffix) {
                    var rest = self
                    rest.bytes.removeLast()
                    if !rest.endsInShortSyllable { bytes.removeLast() }
                }
            } else if last == 0x6C, inR2(S.l), bytes.count >= 2, bytes[bytes.count - 2] == 0x6C {
                bytes.removeLast()
            }
        }
    }

    /// The suffixes of each step, as bytes.
    private enum S {
        static func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        static let step0 = ["'", "'s", "'s'"].map(b)
        static let sses = b("sses"), ied = b("ied"), ies = b("ies"), s = b("s")
        static let step1a = ["sses", "ied", "ies", "s", "us", "ss"].map(b)
        static let eed = b("eed"), eedly = b("eedly")
        static let step1b = ["eed", "eedly", "ed", "edly", "ing", "ingly"].map(b)
        static let at = b("at"), bl = b("bl"), iz = b("iz")
        static let doubles: Set<UInt8> = Set("bdfgmnprt".utf8)
        static let liEndings: Set<UInt8> = Set("cdeghkmnrt".utf8)
        static let ogi = b("ogi"), li = b("li")
        static let step2: [([UInt8], String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"),
            ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"),
            ("lessli", "less"), ("li", ""),
        ].map { (b($0.0), $0.1) }
        static let step2Replacements = Dictionary(uniqueKeysWithValues: step2)
        static let ative = b("ative")
        static let step3: [([UInt8], String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
            ("ful", ""), ("ness", ""), ("ative", ""),
        ].map { (b($0.0), $0.1) }
        static let step3Replacements = Dictionary(uniqueKeysWithValues: step3)
        static let ion = b("ion")
        static let step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
                            "ate", "iti", "ous", "ive", "ize", "ion"].map(b)
        static let e = b("e"), l = b("l")
    }
}
