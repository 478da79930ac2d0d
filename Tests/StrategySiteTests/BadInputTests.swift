import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Every broken input a user can make gives one located message, and `check` reports them
/// all in one run.
@Suite("Bad input")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var expected: String
        var testDescription: String { name }
    }

    static let good = TemporarySite.document()

    static let cases: [Case] = [
        Case(name: "site.yml syntax", files: ["site.yml": "title: [unclosed\n"], expected: "site.yml:2:1: error: invalid YAML"),
        Case(name: "site.yml missing strategies", files: ["site.yml": "title: T\n"], expected: "site.yml:1:1: error: 'strategies' must map each strategy key"),
        Case(name: "site.yml unknown field", files: ["site.yml": "title: T\ncolour: red\nstrategies:\n  \"2010\": { title: S }\n"], expected: "site.yml:2:1: error: unknown field 'colour' in site.yml"),
        Case(name: "site.yml bad base-url", files: ["site.yml": "title: T\nbase-url: example.org\nstrategies:\n  \"2010\": { title: S }\n"], expected: "site.yml:2:11: error: 'base-url' must be an absolute http(s) URL"),
        Case(name: "themes.yml not a list", files: ["themes.yml": "id: x\n"], expected: "themes.yml:1:1: error: expected a list of themes"),
        Case(name: "duplicate theme", files: ["themes.yml": "- { id: a, title: A }\n- { id: a, title: B }\n"], expected: "themes.yml:2:3: error: duplicate theme id 'a'"),
        Case(name: "theme names unknown strategy", files: ["themes.yml": "- { id: a, title: A, names: { \"1999\": X } }\n"], expected: "themes.yml:1:31: error: unknown strategy '1999' in theme names"),
        Case(name: "invalid slug", files: ["documents/Bad Name.md": good], expected: "documents/Bad Name.md:1:1: error: invalid document file name 'Bad Name.md'"),
        Case(name: "stray file", files: ["documents/notes.txt": "x"], expected: "documents/notes.txt:1:1: warning: ignored file: documents are .md files"),
        Case(name: "missing front matter", files: ["documents/one.md": "# Title\n"], expected: "documents/one.md:1:1: error: missing front matter"),
        Case(name: "empty document", files: ["documents/one.md": ""], expected: "documents/one.md:1:1: error: missing front matter"),
        Case(name: "unknown strategy", files: ["documents/one.md": TemporarySite.document(strategy: "2011")], expected: "documents/one.md:3:11: error: unknown strategy '2011'"),
        Case(name: "note never defined", files: ["documents/one.md": TemporarySite.document(body: "Text[^9].\n")], expected: "documents/one.md:9:5: warning: note [^9] is referenced but never defined; it is shown as written"),
        Case(name: "note defined twice", files: ["documents/one.md": TemporarySite.document(body: "A[^1].\n\n[^1]: x\n\n[^1]: y\n")], expected: "documents/one.md:13:1: warning: note [^1] is defined again (first at line 11); the first definition is used"),
        Case(name: "unknown document link", files: ["documents/one.md": TemporarySite.document(body: "- item [x](doc:two)\n")], expected: "documents/one.md:9:8: error: unknown document 'two' in link doc:two"),
        Case(name: "unknown anchor", files: ["documents/one.md": TemporarySite.document(body: "## Real\n\n[x](doc:one#fake)\n")], expected: "documents/one.md:11:1: error: unknown anchor '#fake' in document 'one'"),
        Case(name: "unknown theme link", files: ["documents/one.md": TemporarySite.document(body: "[x](theme:none)\n")], expected: "documents/one.md:9:1: error: unknown theme 'none'"),
        Case(name: "unknown indicator link", files: ["documents/one.md": TemporarySite.document(body: "[x](indicator:none)\n")], expected: "documents/one.md:9:1: error: unknown indicator 'none'"),
        Case(name: "unknown theme comment", files: ["documents/one.md": TemporarySite.document(body: "## H\n<!-- themes: none -->\n")], expected: "documents/one.md:10:14: error: unknown theme 'none'"),
    ]

    @Test(arguments: cases)
    func eachBrokenInputIsReportedAtItsLocation(_ example: Case) throws {
        let site = try TemporarySite.minimal()
        for (path, text) in example.files { try site.write(path, text) }
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/" + example.expected) }, "\(messages)")
        if example.expected.contains(": error: ") {
            #expect(throws: BuildFailure.self) { try site.builder().build() }
            #expect(!FileManager.default.fileExists(atPath: site.output))
        }
    }

    @Test func nonUTF8DocumentIsAnErrorWithItsByteOffset() throws {
        let site = try TemporarySite.minimal()
        var bytes = Array(Self.good.utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        try site.write("documents/one.md", Data(bytes))
        let messages = site.builder().check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(site.content + "/documents/one.md:11:4: error: file is not valid UTF-8 (byte offset \(bytes.count - 4)") }, "\(messages)")
    }

    @Test func checkReportsEveryProblemInOneRunSortedAndDeduplicated() throws {
        let site = try TemporarySite.minimal(documents: [
            "one": TemporarySite.document(body: "[a](doc:nope)\n\n[b](doc:nope)\n\n[c](theme:x)\n"),
            "two": TemporarySite.document(strategy: "1999"),
        ])
        let diagnostics = site.builder().check()
        #expect(diagnostics == diagnostics.sorted())
        #expect(Set(diagnostics).count == diagnostics.count)
        let lines = diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(lines == ["9:1 unknown document 'nope' in link doc:nope", "11:1 unknown document 'nope' in link doc:nope",
                          "13:1 unknown theme 'x'", "3:11 unknown strategy '1999'"])
    }

    @Test func missingPartialAndTemplateSyntaxErrorsAreLocated() throws {
        let site = try TemporarySite.minimal()
        let templates = site.root.appendingPathComponent("Templates").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        let home = templates + "/home.mustache"
        var text = try String(contentsOfFile: home, encoding: .utf8)
        text = text.replacingOccurrences(of: "<h2>The strategies</h2>", with: "<h2>The strategies</h2>\n  {{> partials/missing}}")
        try text.write(toFile: home, atomically: true, encoding: .utf8)
        try "{{#open}}never closed".write(toFile: templates + "/search.mustache", atomically: true, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("partials/missing") }) + 1
        let messages = site.builder(templates: templates).check().map(\.description)
        #expect(messages.contains { $0.hasPrefix(templates + "/home.mustache:\(line):7: error: template uses partial 'partials/missing', which does not exist") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix(templates + "/search.mustache:1:") && $0.contains("error: template syntax") }, "\(messages)")
    }

    @Test func pathologicalMarkdownBuildsQuickly() throws {
        let inputs = [
            String(repeating: "[", count: 30_000),
            String(repeating: "*a", count: 30_000),
            String(repeating: ">", count: 30_000) + " quote",
            (0..<1000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n"),
            String(repeating: "[a](", count: 20_000),
            "text \u{0000} nul",
            String(repeating: "`", count: 50_000) + "x",
            String(repeating: "<a href=\"", count: 20_000),
        ]
        for input in inputs {
            let (document, _) = parse(input)
            let output = document.body.string
            #expect(!output.contains("<script"))
        }
    }

    /// Random Markdown made of the contract's pieces never crashes a stage, and whatever it
    /// says, the output holds the page invariants the Markdown fuzz target checks: no raw HTML
    /// or script URL, elements well nested, ids unique, every `#fragment` link resolved.
    @Test func randomMarkdownNeverCrashesOrLeaksHTML() {
        var generator = SeededGenerator(seed: 42)
        let pieces = ["# ", "## ", "### ", "- ", "1. ", "> ", "|", "| --- |", "[^1]", "[^x]: ", "[a](doc:x)", "<!-- themes: a -->",
                      "NI 149", "`", "**", "_", "\n", "\n\n", "<script>", "javascript:alert(1)", "[b](javascript:x)", "\u{0000}",
                      "é", "---", "    code", "<img src=x onerror=y>", "[c]: data:x", "[c]", "\\", "&amp;", "\r\n",
                      "[d *e ", "](http://x.example)", "[^1]: ", "-|:", "\\|", "*", "<a href=\"http://evil.example\">", "NI149"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let problems = InputInvariants.markdownProblems(body: text)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
        }
    }
}

/// A small deterministic generator (SplitMix64) so a failing random case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
