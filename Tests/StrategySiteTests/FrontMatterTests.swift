import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Front matter and data files")
struct FrontMatterTests {
    let strategies = [Strategy(id: "2010", title: "T", shortTitle: "2010", published: nil, summary: "", ambitions: [], ownThemes: [])]

    func read(_ text: String) -> (SourceDocument?, [String]) {
        var diagnostics: [Diagnostic] = []
        let document = SourceDocument.parse(text, slug: "doc", path: "doc.md", strategies: strategies, &diagnostics)
        return (document, diagnostics.normalized().map(\.description))
    }

    @Test func readsEveryContractField() throws {
        let (document, problems) = read("""
            ---
            title: "Drug Strategy 2010: Reducing Demand"
            strategy: "2010"
            type: Strategy summary
            published: 2010-12-08
            publisher: HM Government
            author: A. Person
            summary: One or two sentences.
            source: 001_aa2e87fa2422b633.txt
            ---
            Body starts here.
            """)
        #expect(problems.isEmpty)
        let meta = try #require(document).metadata
        #expect(meta.title == "Drug Strategy 2010: Reducing Demand")
        #expect(meta.published == PublicationDate(year: 2010, month: 12, day: 8))
        #expect(meta.published.description == "8 December 2010")
        #expect(meta.source == "001_aa2e87fa2422b633.txt")
        #expect(document?.bodyStartLine == 11)
        #expect(document?.body == "Body starts here.")
    }

    @Test func unquotedYearStrategyIsTheSameAsQuoted() {
        let (document, problems) = read("---\ntitle: T\nstrategy: 2010\npublished: 2010\npublisher: P\nsummary: S\n---\ntext\n")
        #expect(problems.isEmpty)
        #expect(document?.metadata.strategy == "2010")
        #expect(document?.metadata.published.description == "2010")
    }

    @Test(arguments: [
        ("no front matter\n", "doc.md:1:1: error: missing front matter"),
        ("---\ntitle: T\n", "doc.md:1:1: error: front matter is not closed: add a line '---' after it"),
        ("---\ntitle: T\nstrategy: \"2010\"\npublished: 2010\npublisher: P\n---\ntext", "doc.md:2:1: error: missing required field 'summary'"),
        ("---\ntitle: T\nstrategy: \"2099\"\npublished: 2010\npublisher: P\nsummary: S\n---\ntext", "doc.md:3:11: error: unknown strategy '2099'"),
        ("---\ntitle: T\nstrategy: \"2010\"\npublished: 2010-13-01\npublisher: P\nsummary: S\n---\ntext", "doc.md:4:12: error: 'published' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2010-13-01'"),
        ("---\ntitle: T\nstrategy: \"2010\"\npublished: 2010-02-30\npublisher: P\nsummary: S\n---\ntext", "doc.md:4:12: error: 'published' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2010-02-30'"),
        ("---\ntitle: [a, b]\nstrategy: \"2010\"\npublished: 2010\npublisher: P\nsummary: S\n---\ntext", "doc.md:2:8: error: 'title' must be a single value, not a list or mapping"),
        ("---\ntitle: T\nsumary: S\nstrategy: \"2010\"\npublished: 2010\npublisher: P\nsummary: S\n---\ntext", "doc.md:3:1: error: unknown field 'sumary' in front matter"),
        ("---\ntitle: \"unclosed\nstrategy: x\n---\ntext", "doc.md:3:12: error: invalid YAML: while scanning a quoted scalar"),
        ("---\ntitle: T\ntitle: U\n---\ntext", "doc.md:3:1: error: duplicate key 'title': it is already set at line 2"),
        ("---\ntitle: T\nstrategy: \"2010\"\npublished: 2010\npublisher: P\nsummary: S\n---\n\n  \n", "doc.md:8:1: error: document has no content after its front matter"),
    ])
    func reportsProblemsAtTheirLocation(_ text: String, _ expected: String) {
        let (document, problems) = read(text)
        // A document whose front matter can be told from its body is still known to the rest
        // of the site (its errors fail the build), so one typo does not make links to it errors too.
        let split = FrontMatter.split(text)
        #expect((document != nil) == (split.map { !$0.body.allSatisfy(\.isWhitespace) } ?? false))
        #expect(problems.contains { $0.hasPrefix(expected) }, "got \(problems)")
    }

    @Test func acceptsByteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}---\r\ntitle: T\r\nstrategy: \"2010\"\r\npublished: 2010\r\npublisher: P\r\nsummary: S\r\n---\r\n## Head\r\ntext\r\n"
        let decoded = try TextFile.decode(Data(text.utf8), displayPath: "doc.md")
        let (document, problems) = read(decoded)
        #expect(problems.isEmpty)
        #expect(document?.body == "## Head\ntext\n")
    }

    @Test func invalidUTF8IsAnErrorWithByteOffset() {
        var bytes = Array("---\ntitle: caf".utf8)
        bytes += [0xE9, 0x0A]
        #expect(throws: Diagnostic.self) { try TextFile.decode(Data(bytes), displayPath: "doc.md") }
        do {
            _ = try TextFile.decode(Data(bytes), displayPath: "doc.md")
        } catch {
            #expect(error.description.hasPrefix("doc.md:2:11: error: file is not valid UTF-8 (byte offset 14, byte 0xE9)"))
        }
    }

    @Test func publicationDatesKeepTheirPrecision() {
        #expect(PublicationDate("2017-09")?.description == "September 2017")
        #expect(PublicationDate("2017-09")?.iso == "2017-09")
        #expect(PublicationDate("2012-02-29") != nil)
        #expect(PublicationDate("2011-02-29") == nil)
        #expect(PublicationDate("17-09") == nil)
        #expect(PublicationDate("2017/09") == nil)
    }
}
