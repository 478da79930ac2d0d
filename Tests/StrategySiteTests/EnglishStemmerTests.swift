import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The stemmer against the Snowball project's own English stemmer: `make stemmer-vocabulary`
/// (part of `make test`) writes every word of Debian's word list and of `Content/` with the
/// stem PyPI's `snowballstemmer` gives it; the test fails, not skips, when the file is missing.
@Suite("English stemmer")
struct EnglishStemmerTests {
    static var vocabularyPath: String {
        ProcessInfo.processInfo.environment["STRATEGY_SITE_STEMMER_VOCABULARY"] ?? Repository.path(".build/stemmer/vocabulary.tsv")
    }

    /// Each word of the vocabulary with Snowball's stem; nil, and the test failed, when the
    /// file is missing.
    static func snowballVocabulary() -> [(word: Substring, stem: Substring)]? {
        guard let text = try? String(contentsOfFile: vocabularyPath, encoding: .utf8) else {
            Issue.record("\(vocabularyPath) is missing: run `make stemmer-vocabulary` (part of `make test`)")
            return nil
        }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count == 2 ? (fields[0], fields[1]) : nil
        }
    }

    @Test("gives Snowball's stem for every word of the vocabulary")
    func vocabulary() throws {
        guard let words = Self.snowballVocabulary() else { return }
        let wrong = words.compactMap { word, snowball -> String? in
            let stem = EnglishStemmer.stem(String(word))
            return stem == snowball ? nil : "\(word): \(stem), Snowball \(snowball)"
        }
        #expect(words.count > 10_000)
        #expect(wrong.isEmpty, "\(wrong.count) of \(words.count) differ: \(wrong.prefix(20).joined(separator: "; "))")
    }

    /// Theme pages skip the tokenizer and stemmer for words that cannot stem to a theme's
    /// term; that shortcut must never skip a word that does, for any word of the vocabulary,
    /// bare or with punctuation around it as text has it.
    @Test("a theme's quick word check never skips a word that stems to its terms")
    func themePassagePrefilter() throws {
        guard let words = Self.snowballVocabulary() else { return }
        var skipped: [String] = []
        for (word, stem) in words {
            let prefixes: Set<UInt16> = [ThemePassage.prefix(of: String(stem))]
            for written in [String(word), "(" + word.capitalized + "),"] where !ThemePassage.mayMatch(Substring(written), prefixes: prefixes) {
                skipped.append("\(written) → \(stem)")
            }
        }
        #expect(words.count > 10_000)
        #expect(skipped.isEmpty, "\(skipped.prefix(20))")
        // And it does skip: a word of other letters is not read at all.
        #expect(!ThemePassage.mayMatch("housing", prefixes: [ThemePassage.prefix(of: "recoveri")]))
    }

    @Test("joins the forms readers write of one word")
    func forms() {
        #expect(EnglishStemmer.stem("treatments") == EnglishStemmer.stem("treatment"))
        #expect(EnglishStemmer.stem("charities") == EnglishStemmer.stem("charity"))
        #expect(EnglishStemmer.stem("confiscations") == EnglishStemmer.stem("confiscation"))
        #expect(EnglishStemmer.stem("sentenced") == EnglishStemmer.stem("sentence"))
        #expect(EnglishStemmer.stem("families") == EnglishStemmer.stem("family"))
        #expect(EnglishStemmer.stem("government's") == "govern")
    }

    @Test("leaves words that are not plain English letters as they are")
    func otherWords() {
        #expect(EnglishStemmer.stem("ni149") == "ni149")
        #expect(EnglishStemmer.stem("2017") == "2017")
        #expect(EnglishStemmer.stem("русский") == "русский")
        #expect(EnglishStemmer.stem("is") == "is")
    }
}
