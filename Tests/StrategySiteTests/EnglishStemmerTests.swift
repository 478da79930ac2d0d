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

    @Test("gives Snowball's stem for every word of the vocabulary")
    func vocabulary() throws {
        guard let text = try? String(contentsOfFile: Self.vocabularyPath, encoding: .utf8) else {
            Issue.record("\(Self.vocabularyPath) is missing: run `make stemmer-vocabulary` (part of `make test`)")
            return
        }
        var checked = 0
        var wrong: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            checked += 1
            let stem = EnglishStemmer.stem(String(fields[0]))
            if stem != fields[1] { wrong.append("\(fields[0]): \(stem), Snowball \(fields[1])") }
        }
        #expect(checked > 10_000)
        #expect(wrong.isEmpty, "\(wrong.count) of \(checked) differ: \(wrong.prefix(20).joined(separator: "; "))")
    }

    /// Theme pages skip the tokenizer and stemmer for words that cannot stem to a theme's
    /// term; that shortcut must never skip a word that does, for any word of the vocabulary,
    /// bare or with punctuation around it as text has it.
    @Test("a theme's quick word check never skips a word that stems to its terms")
    func themePassagePrefilter() throws {
        guard let text = try? String(contentsOfFile: Self.vocabularyPath, encoding: .utf8) else {
            Issue.record("\(Self.vocabularyPath) is missing: run `make stemmer-vocabulary` (part of `make test`)")
            return
        }
        var checked = 0
        var skipped: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            let prefixes: Set<UInt16> = [ThemePassage.prefix(of: String(fields[1]))]
            for written in [String(fields[0]), "(" + fields[0].capitalized + "),"] where !ThemePassage.mayMatch(Substring(written), prefixes: prefixes) {
                skipped.append("\(written) → \(fields[1])")
            }
            checked += 1
        }
        #expect(checked > 10_000)
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
