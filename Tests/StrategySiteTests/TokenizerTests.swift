import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Tokenizer")
struct TokenizerTests {
    func words(_ text: String) -> [String] { Tokenizer.tokens(in: text).map(\.text) }

    @Test("folds case and diacritics, keeps letters of any script")
    func folding() {
        #expect(words("Café CRÈME, naïve Ünïcode") == ["cafe", "creme", "naive", "unicode"])
        #expect(words("Русский текст") == ["русскии", "текст"]) // й is и with a breve, folded like é
        #expect(words("£550 million in 2015/16") == ["550", "million", "in", "2015", "16"])
    }

    @Test("keeps apostrophes inside words, curly or straight, and nowhere else")
    func apostrophes() {
        #expect(words("The Government’s ‘approach’ isn't") == ["the", "government's", "approach", "isn't"])
    }

    @Test("writes a hyphenated form joined too, at its first part's position")
    func hyphens() {
        let tokens = Tokenizer.tokens(in: "cut re-offending rates")
        #expect(tokens.map(\.text) == ["cut", "re", "offending", "reoffending", "rates"])
        #expect(tokens.first { $0.text == "reoffending" }?.position == 1)
        #expect(tokens.first { $0.text == "rates" }?.position == 3)
        // A longer run: the whole and each pair, for a hyphen that stands for a dash.
        #expect(words("crime and re-offending-Employment") ==
                ["crime", "and", "re", "offending", "employment", "reoffendingemployment", "reoffending", "offendingemployment"])
        // A dash between words is not a hyphen.
        #expect(words("2014 – 15") == ["2014", "15"])
    }

    @Test("writes an indicator code joined too, as ni149 is written")
    func codes() {
        let tokens = Tokenizer.tokens(in: "measured by NI 149 and PSA 14; in 2017 not")
        #expect(tokens.filter(\.joined).map(\.text) == ["ni149", "psa14"])
        #expect(words("NI149") == ["ni149"])
        // Lower-case words before a number are not codes.
        #expect(!words("in 2017").contains("in2017"))
    }

    @Test("positions count every word, so phrases with stop words line up")
    func positions() {
        let terms = SectionIndex.terms(of: "published in July 2017")
        #expect(terms.map(\.term) == ["publish", "juli", "2017"])
        #expect(terms.map(\.position) == [0, 2, 3])
    }
}
