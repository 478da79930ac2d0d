import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Section index")
struct SectionIndexTests {
    static func section(_ anchor: String, _ heading: String, _ body: String) -> SectionIndex.SourceSection {
        .init(anchor: anchor, heading: heading, body: body)
    }

    static let library: [(document: String, sections: [SectionIndex.SourceSection])] = [
        ("guide", [section("", "A guide for partnerships", "Local partnerships commission treatment."),
                   section("treatment", "Treatment", "Treatment services for drug users, and more treatment."),
                   section("housing", "Housing", "Housing support for people in treatment.")]),
        ("strategy", [section("", "The strategy", "Drug treatment and recovery."),
                      section("confiscation", "Assets", "Confiscations of criminal assets rose.")]),
    ]

    @Test("lists each term's sections, with frequencies by field and positions")
    func postings() throws {
        let index = SectionIndex(sources: Self.library)
        #expect(index.sectionCount == 5)
        let treatment = EnglishStemmer.stem("treatment")
        #expect(index.documentFrequency(of: treatment) == 4)
        let inHeading = try #require(index.postings(for: treatment).first { index.section($0.section)?.key.anchor == "treatment" })
        #expect(inHeading.headingFrequency == 1)
        #expect(inHeading.bodyFrequency == 2)
        #expect(inHeading.positions.count == 3)
        #expect(index.documentFrequency(of: EnglishStemmer.stem("confiscation")) == 1)
        #expect(index.documentFrequency(of: "the") == 0) // a stop word
    }

    @Test("weighs a heading above the body, a rare term above a common one")
    func weights() throws {
        let index = SectionIndex(sources: Self.library)
        let ids = index.sections(of: "guide")
        let treatment = EnglishStemmer.stem("treatment")
        #expect(index.weight(of: treatment, in: ids[1]) > index.weight(of: treatment, in: ids[2]))
        let assets = try #require(index.sections(of: "strategy").last)
        #expect(index.weight(of: EnglishStemmer.stem("confiscations"), in: assets) > index.weight(of: "drug", in: index.sections(of: "strategy")[0]))
    }

    @Test("a section is most like itself, then like sections that share its rare terms")
    func similarity() {
        let index = SectionIndex(sources: Self.library)
        let guide = index.sections(of: "guide")
        let treatment = index.vector(of: guide[1])
        #expect(abs(treatment.cosine(treatment) - 1) < 1e-9)
        #expect(treatment.cosine(index.vector(of: guide[2])) > treatment.cosine(index.vector(of: index.sections(of: "strategy")[1])))
    }

    @Test("replacing a document says which terms changed, and keeps other documents' numbers")
    func replace() {
        var index = SectionIndex(sources: Self.library)
        let strategyNumber = index.documentNumber("strategy")
        let changed = index.replace("guide", sections: [Self.library[0].sections[0], Self.library[0].sections[1],
                                                        Self.section("housing", "Housing", "Housing support for tenants in treatment.")])
        // Same length, so only the word that went and the word that came.
        #expect(changed == [EnglishStemmer.stem("people"), EnglishStemmer.stem("tenants")])
        #expect(index.documentNumber("strategy") == strategyNumber)
        #expect(index.sectionCount == 5)
        #expect(index.documentFrequency(of: EnglishStemmer.stem("tenants")) == 1)
        #expect(index.documentFrequency(of: EnglishStemmer.stem("people")) == 0)
        let removed = index.remove("strategy")
        #expect(removed.contains(EnglishStemmer.stem("confiscation")))
        #expect(index.documentFrequency(of: EnglishStemmer.stem("confiscation")) == 0)
        #expect(index.sectionCount == 3)
    }

    @Test("an edited index equals one built from the edited library")
    func incrementalEqualsFull() {
        var edited = SectionIndex(sources: Self.library)
        let newer = [Self.section("", "The strategy", "Recovery first."), Self.section("supply", "Supply", "Restricting supply.")]
        edited.replace("strategy", sections: newer)
        let full = SectionIndex(sources: [Self.library[0], ("strategy", newer)])
        for term in ["recoveri", "suppli", "treatment", "drug", "confisc"] {
            #expect(edited.documentFrequency(of: term) == full.documentFrequency(of: term), "\(term)")
        }
        #expect(edited.averageBodyLength == full.averageBodyLength)
        let a = edited.sections(of: "strategy").map { edited.weight(of: "suppli", in: $0) }
        let b = full.sections(of: "strategy").map { full.weight(of: "suppli", in: $0) }
        #expect(a == b)
    }

    @Test("a parsed document's text has no note markers or markup")
    func parsedText() {
        let (document, _) = parse("Intro[^1] *text*.\n\n## Heading\n\nThe **Drug Strategy**[^1] was published.[^2]\n\n[^1]: A note.\n[^2]: Another.\n")
        let index = SectionIndex(documents: [document])
        #expect(document.opening == "Intro text.")
        #expect(document.sections[0].text.hasPrefix("The Drug Strategy was published."))
        #expect(index.documentFrequency(of: "1") == 0)
        let terms = index.terms(of: index.sections(of: "doc")[1])
        #expect(terms.contains("drug") && terms.contains("publish"))
    }
}

@Suite("Search text of the real Content/")
struct RealSearchTextTests {
    /// What the index and every excerpt take from a document is text as readers see it: no
    /// note markers, Markdown syntax, HTML or entities, in any document of `Content/`.
    @Test func noMarkupInAnySectionText() throws {
        var diagnostics: [Diagnostic] = []
        let source = try #require(ContentLoader(contentDirectory: Repository.path("Content")).load(&diagnostics))
        let parser = DocumentParser(options: .init(indicators: IndicatorMatcher(indicators: source.indicators)))
        let markup = try Regex(#"\[\^|\]\(|\*\*|</?[a-z]+[ >]|&(amp|lt|gt|quot|#[0-9]+);|^#|<!--"#)
        var checked = 0
        for document in source.documents {
            var found: [Diagnostic] = []
            let parsed = parser.parse(document, &found)
            for (name, text) in [("opening", parsed.opening)] + parsed.sections.flatMap({ [($0.anchor, $0.text), ($0.anchor + " excerpt", $0.excerpt)] }) {
                checked += 1
                #expect(text.firstMatch(of: markup) == nil, "\(document.slug) \(name): \(text.prefix(200))")
            }
        }
        #expect(checked > source.documents.count)
    }
}
