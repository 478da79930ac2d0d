import Testing
@testable import StrategySite

@Suite("cmark wrapper and HTML renderer")
struct CMarkTests {
    @Test func parsesHeadingsWithLevelsAndPositions() {
        let (document, flattened) = CMark.parse("# One\n\nText\n\n### Three\n")
        #expect(!flattened)
        #expect(document.children.map(\.headingLevel) == [1, nil, 3])
        #expect(document.children[2].line == 5)
        #expect(document.children[2].plainText == "Three")
    }

    @Test func mergesTextSplitAtBrackets() {
        let paragraph = CMark.parse("See [^1] and [x] here").document.children[0]
        #expect(paragraph.children.count == 1)
        #expect(paragraph.children[0].literal == "See [^1] and [x] here")
    }

    @Test func headingsGetStableUniqueAnchors() {
        let output = html("## The New PSAs\n\n## Prisons\n\n## Prisons\n\n## Réussite & café\n")
        #expect(output.ids == ["the-new-psas", "prisons", "prisons-2", "reussite-cafe"])
        #expect(output == html("## The New PSAs\n\n## Prisons\n\n## Prisons\n\n## Réussite & café\n"))
        #expect(output.contains("<a class=\"anchor\" href=\"#prisons-2\""))
    }

    @Test func headingAnchorsAvoidTemplateIDs() {
        #expect(html("## Contents\n\n## Main\n").ids == ["contents-2", "main-2"])
    }

    @Test func rendersPipeTablesWithInlineMarkdownAndAlignment() {
        let output = html("| Code | Idea |\n| :--- | ---: |\n| NI 1 | *Count* them |\n| NI 2 | a \\| b |\n")
        #expect(output.contains("<table>"))
        #expect(output.contains("<th scope=\"col\" class=\"align-left\">Code</th>"))
        #expect(output.contains("<td class=\"align-right\"><em>Count</em> them</td>"))
        #expect(output.contains("<td class=\"align-right\">a | b</td>"))
        #expect(output.occurrences(of: "<tr>") == 3)
    }

    @Test func paragraphWithPipesButNoDelimiterRowStaysAParagraph() {
        let output = html("a | b\nc | d\n")
        #expect(!output.contains("<table>"))
        #expect(output.contains("<p>a | b\nc | d</p>"))
    }

    @Test func tableRowWithWrongCellCountIsAWarning() {
        let (_, diagnostics) = parse("| a | b |\n| - | - |\n| 1 | 2 | 3 |\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:10:1: warning: table row has 3 cells but the header has 2"])
    }

    @Test func safeModeDropsRawHTMLAndDangerousURLs() {
        let output = html("""
            <script>alert(1)</script>

            Hi <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](VBScript:x) [c](data:text/html,x) ![d](data:image/png;base64,AA) [e](https://ok.example/?a=1&b=2)
            """)
        #expect(!output.contains("<script"))
        #expect(!output.contains("onerror"))
        #expect(!output.lowercased().contains("javascript:"))
        #expect(!output.lowercased().contains("vbscript:"))
        #expect(!output.contains("data:"))
        #expect(output.contains("<a href=\"\">a</a>"))
        #expect(output.contains("href=\"https://ok.example/?a=1&amp;b=2\""))
    }

    @Test func cmarkItselfRunsInSafeMode() {
        let output = CMark.renderHTML("<script>x</script>\n\n[a](javascript:x)")
        #expect(!output.contains("<script>"))
        #expect(output.contains("<a href=\"\">a</a>"))
    }

    /// On plain CommonMark our renderer and cmark's agree, apart from heading ids and
    /// HTML5 void tags.
    @Test(arguments: [
        "Para *em* **strong** `code` [l](https://x.org \"t\") <https://auto.link>\n",
        "> quote\n>\n> - a\n> - b\n",
        "1. one\n2. two\n\n   para in item\n3. three\n",
        "- tight\n- list\n  - nested\n",
        "3. starts at three\n",
        "```swift\nlet x = 1 < 2\n```\n",
        "Line  \nbreak and soft\nbreak\n\n---\n",
        "Entities &amp; &copy; \"quotes\" <b>raw</b>\n",
    ])
    func agreesWithCmarkOnPlainCommonMark(_ markdown: String) {
        let ours = HTMLRenderer().render(CMark.parse(markdown).document.children)
        let theirs = CMark.renderHTML(markdown)
            .replacingOccurrences(of: "<hr />", with: "<hr>")
            .replacingOccurrences(of: "<br />", with: "<br>")
            .replacingOccurrences(of: "<!-- raw HTML omitted -->", with: "")
        #expect(ours == theirs)
    }

    @Test func notesAreNumberedAndLinkedBothWays() {
        let output = html("First[^a] and second[^b], first again[^a].\n\n[^a]: https://example.org\n\n[^b]: Plain *note*.\n")
        #expect(output.contains("<sup class=\"note-ref\"><a id=\"note-ref-a\" href=\"#note-a\" aria-label=\"Note 1\">1</a></sup>"))
        #expect(output.contains("<a id=\"note-ref-b\" href=\"#note-b\" aria-label=\"Note 2\">2</a>"))
        #expect(output.contains("<a id=\"note-ref-a-2\" href=\"#note-a\""))
        #expect(output.contains("<li id=\"note-a\">https://example.org <a class=\"note-back\" href=\"#note-ref-a\""))
        #expect(output.contains("href=\"#note-ref-a-2\" aria-label=\"Back to reference 1 (2)\""))
        #expect(output.contains("<li id=\"note-b\">Plain <em>note</em>."))
    }

    @Test func noteSyntaxInsideCodeStaysLiteral() {
        let output = html("`[^1]` text\n\n```\n[^1]: not a note\n```\n")
        #expect(output.contains("<code>[^1]</code>"))
        #expect(output.contains("<pre><code>[^1]: not a note\n</code></pre>"))
    }

    @Test func sectionTextIsOneLineAndExcerptsStopAtThirtyWords() {
        #expect(DocumentParser.oneLine(["  a\tb\n\nc ", "", "d\u{00A0}e  "]) == "a b c d e")
        #expect(DocumentParser.oneLine([]) == "")
        let words = (1...40).map { "w\($0)" }.joined(separator: " ")
        #expect(DocumentParser.excerpt(words) == (1...30).map { "w\($0)" }.joined(separator: " ") + " …")
        #expect(DocumentParser.excerpt("short text") == "short text")
        let (document, _) = parse("## A\n\n- one\n- two\n\nPara  with   spaces.\n")
        #expect(document.sections[0].text == "one two Para with spaces.")
    }

    @Test func frontMatterSplitsAtTheFences() throws {
        let split = try #require(FrontMatter.split("---\ntitle: T\n---  \nBody\nmore"))
        #expect(split.yaml == "title: T")
        #expect(split.body == "Body\nmore")
        #expect(split.bodyStartLine == 4)
        #expect(FrontMatter.split("---\n---\n")?.yaml == "")
        #expect(FrontMatter.split("---\ntitle: T\n") == nil)
        #expect(FrontMatter.split("title: T\n---\n") == nil)
    }

    @Test func deepNestingIsFlattenedNotFatal() {
        let markdown = String(repeating: ">", count: 5000) + " deep\n"
        let (document, flattened) = CMark.parse(markdown)
        #expect(flattened)
        #expect(document.plainText.contains("deep"))
        #expect(HTMLRenderer().render(document.children).contains("deep"))
    }
}
