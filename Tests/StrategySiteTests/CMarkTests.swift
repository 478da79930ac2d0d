import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Markdown: cmark, tables, notes, ids")
struct CMarkTests {
    @Test func headingsGetStableUniqueAnchors() {
        let output = html("## The New PSAs\n\n## Prisons\n\n## Prisons\n\n## Don’t stop\n")
        #expect(output.ids == ["the-new-psas", "prisons", "prisons-2", "dont-stop"])
        #expect(output == html("## The New PSAs\n\n## Prisons\n\n## Prisons\n\n## Don’t stop\n"))
        #expect(output.contains("<a class=\"anchor\" href=\"#prisons-2\""))
    }

    @Test func aDocLinkWithAColonInItsSlugNeverReadsAsAScheme() {
        #expect(SitePaths.relative("documents/vbscript:n.html", from: "documents/doc.html") == "./vbscript:n.html")
        #expect(SitePaths.relative("documents/other.html#a:b", from: "documents/doc.html") == "other.html#a:b")
        #expect(InputInvariants.markdownProblems(body: "[x](doc:vbscript:n)\n").isEmpty)
    }

    @Test func aFragmentLinkToNoIdIsAWarningAtItsPlace() {
        let (_, diagnostics) = parse("## Known\n\nSee [here](#known) and [there](#nowhere).\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:10:24: warning: link '#nowhere' names no heading or passage of this document"])
        #expect(InputInvariants.markdownProblems(body: "[there](#nowhere)\r\n").isEmpty)
    }

    @Test func aLinkToTheTopOfThePageNeedsNoID() {
        // `#` alone goes to the top in every browser: neither a warning nor a broken page
        // (found by fuzz-markdown, as the link around a note reference in a note).
        let (_, diagnostics) = parse("Up [top](#).\n")
        #expect(diagnostics.isEmpty)
        #expect(InputInvariants.markdownProblems(body: "a[^1]\n\n[^1]: [a[^2] c*](#)\n[^2]: two\n").isEmpty)
        #expect(PageInvariants.bodyProblems("<p><a href=\"#\">top</a></p>").isEmpty)
        #expect(PageInvariants.bodyProblems("<p><a href=\"#x\">x</a></p>") == ["link '#x' names no id on the page"])
    }

    @Test func aLinkToANoteReferenceIsCheckedLikeAnyFragment() {
        // Found by fuzz-markdown: a hand-written `#fnref:…` was never warned, even with no such id.
        let (_, diagnostics) = parse("a[^1] [back](#fnref:1) [gone](#fnref:7)\n\n[^1]: one\n")
        #expect(diagnostics.map(\.message) == ["link '#fnref:7' names no heading or passage of this document"])
        #expect(InputInvariants.markdownProblems(body: "a[^1]%:data:[^[z A*](#fnref:1:\u{0}\u{0}ex%amplue)\n").isEmpty)
    }

    @Test func aRelativeAddressWithAColonIsNoScheme() throws {
        // Found by fuzz-markdown: notes and a table-like line gave the link `-%5E1%7C:`, which
        // no browser reads as a scheme; only real schemes must be ones cmark writes.
        let found = try String(contentsOfFile: Repository.path("Tests/Fuzz/corpus/markdown/found-cf442ce29de1f0da"), encoding: .utf8)
        #expect(InputInvariants.markdownProblems(body: found).isEmpty, "\(InputInvariants.markdownProblems(body: found))")
        #expect(InputInvariants.markdownProblems(body: "[a](-x:y) [b](javascript:alert(1))\n").isEmpty)
    }

    @Test func aFragmentIsReadAsABrowserReadsIt() {
        // A browser decodes each `%XX` of a fragment and keeps a stray `%` as it is; the
        // warning names the id it would look for (found by fuzz-markdown: `#t…ex%ample`).
        let (_, diagnostics) = parse("## Café\n\n[a](#caf%C3%A9) [b](#caf%C3%A9%)\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:10:17: warning: link '#café%' names no heading or passage of this document\n  hint: did you mean '#café'?"])
        #expect(InputInvariants.markdownProblems(body: "[x](#t\u{0}\u{0}p-:p\u{0}ex%ample)\n").isEmpty)
    }

    @Test func headingIdsKeepTheLettersOfEveryScript() {
        let ids = html("## Ελληνικά\n\n## Русский текст\n\n## Café crème\n\n## 中文标题\n").ids
        #expect(ids == ["ελληνικά", "русский-текст", "café-crème", "中文标题"])
    }

    @Test func punctuationOnlyHeadingsGetIdsThatDoNotShift() {
        let alone = html("## ???\n").ids
        let after = html("## !!!\n\n## ???\n").ids
        #expect(alone.count == 1 && alone[0].hasPrefix("section-"))
        #expect(after[1] == alone[0], "adding a heading before must not move the id")
        #expect(after[0] != after[1])
    }

    @Test func headingAnchorsAvoidTemplateIDsAndNoteIDs() {
        let output = html("## Contents\n\n## Note 1\n\nText[^1].\n\n[^1]: The note.\n", options: .init(reservedIDs: ["contents", "contents-heading"], citableBlocks: false))
        #expect(output.ids.filter { !$0.hasPrefix("fn") } == ["contents-2", "note-1"])
        #expect(Set(output.ids).count == output.ids.count)
        #expect(output.contains("href=\"#fn:1\""))
    }

    @Test func manyHeadingsWithTheSameTextStayLinear() {
        var slugger = Slugger()
        let ids = (0..<20_000).map { _ in slugger.slug(for: "Same") }
        #expect(Set(ids).count == 20_000)
        #expect(ids[19_999] == "same-20000")
        var clashing = Slugger(reserved: ["a-2", "a-3"])
        #expect([clashing.slug(for: "a"), clashing.slug(for: "a"), clashing.slug(for: "a 2")] == ["a", "a-4", "a-2-2"])
    }

    // MARK: Tables

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

    @Test(arguments: ["a|b\n-|:\n", "a|b\n:|-\n", "a\n:\n", "| a |\n| :: |\n"])
    func aColonWithoutDashesIsNoDelimiterCell(_ markdown: String) {
        #expect(PipeTable.delimiterRow(ArraySlice(markdown.split(separator: "\n")[1].utf8)) == nil)
        let output = html(markdown)
        #expect(!output.contains("<table>"), "\(markdown)")
        #expect(output.hasPrefix("<p"), "\(markdown)")
    }

    @Test(arguments: [
        ("> | a | b |\n> | - | - |\n> | 1 | 2 |\n", "<blockquote>"),
        ("- | a | b |\n  | - | - |\n  | 1 | 2 |\n", "<li>"),
        ("Some text\n| a | b |\n| - | - |\n| 1 | 2 |\n", "<p>Some text</p>"),
        ("[foo]: https://example.org\n| a | b |\n| - | - |\n| 1 | 2 |\n", "<table>"),
    ])
    func tablesWorkInContainersAndInterruptParagraphs(_ markdown: String, _ context: String) {
        let output = html(markdown)
        #expect(output.contains("<table>"), "\(markdown)")
        #expect(output.contains(context), "\(markdown)")
        #expect(output.contains("<td>1</td>\n<td>2</td>"), "\(markdown)")
    }

    @Test func aLineWithoutPipesAfterATableIsARow() {
        let output = html("| a | b |\n| - | - |\n| c | d |\nno pipe\n\nafter\n")
        #expect(output.contains("<td>no pipe</td>\n<td></td>"))
        #expect(output.contains("<p>after</p>"))
    }

    @Test func cellsUseTheDocumentsLinkReferenceDefinitions() {
        let output = html("| a |\n| - |\n| [foo] |\n\n[foo]: https://example.org/foo\n")
        #expect(output.contains("<td><a href=\"https://example.org/foo\">foo</a></td>"))
    }

    @Test func cellTextThatLooksLikeABlockStaysText() {
        let output = html("| a | b |\n| - | - |\n| # not a heading | 1. not a list |\n")
        #expect(output.contains("<td># not a heading</td>\n<td>1. not a list</td>"))
    }

    @Test func tableRowWithWrongCellCountIsAWarning() {
        let (_, diagnostics) = parse("| a | b |\n| - | - |\n| 1 | 2 | 3 |\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:10:1: warning: table row has 3 cells but the header has 2; the extra cells are dropped"])
    }

    @Test func tablesWithTheSameColumnsGetDistinctLabels() {
        let output = html("| a |\n| - |\n| 1 |\n\n| a |\n| - |\n| 2 |\n")
        #expect(output.contains("aria-label=\"Table 1: a\""))
        #expect(output.contains("aria-label=\"Table 2: a\""))
    }

    // MARK: Notes

    @Test func notesAreNumberedByFirstReferenceAndLinkedBothWays() {
        let output = html("First[^b] and second[^a], first again[^b].\n\n[^a]: https://example.org\n[^b]: Plain *note*.\n")
        #expect(output.contains("<sup class=\"note-ref\"><a id=\"fnref:1\" href=\"#fn:1\" aria-label=\"Note 1\">1</a></sup>"))
        #expect(output.contains("<a id=\"fnref:2\" href=\"#fn:2\" aria-label=\"Note 2\">2</a>"))
        #expect(output.contains("<a id=\"fnref:1:2\" href=\"#fn:1\""))
        #expect(output.contains("<li id=\"fn:1\">\n<p>Plain <em>note</em>. <a class=\"note-back\" href=\"#fnref:1\" aria-label=\"Back to reference 1 (1)\">↩</a> <a class=\"note-back\" href=\"#fnref:1:2\" aria-label=\"Back to reference 1 (2)\">↩</a></p>"))
        #expect(output.contains("<li id=\"fn:2\">\n<p>https://example.org <a class=\"note-back\""), "a URL note is not a link reference definition")
        #expect(output.hasSuffix("</ol>\n</section>\n"), "notes come after the body")
    }

    @Test func noteDefinitionsWorkInsideContainersAndHoldBlocks() {
        let output = html("- item[^1]\n\n  [^1]: In a list.\n\n> quote[^2]\n>\n> [^2]: In a quote.\n>\n>     Second paragraph.\n")
        #expect(output.contains("<li id=\"fn:1\">\n<p>In a list."))
        #expect(output.contains("<li id=\"fn:2\">\n<p>In a quote.</p>\n<p>Second paragraph."))
        #expect(!output.contains("[^"))
    }

    @Test func aHeadingInANoteThatIsNotShownIsNoAnchor() {
        let (hidden, _) = parse("Text.\n\n[^1]: # Hidden heading\n")
        #expect(!hidden.anchors.contains("hidden-heading"), "a link to it would lead nowhere")
        let (shown, _) = parse("Text[^1].\n\n[^1]: # Shown heading\n")
        #expect(shown.anchors.contains("shown-heading") && shown.body.string.contains("id=\"shown-heading\""))
    }

    /// One of the differences from GitHub the README lists: cmark-gfm ends a note inside a
    /// block quote at the quote's blank line, and makes the next block the quote's.
    @Test func aNoteInABlockQuoteGoesOnAfterABlankLineOfTheQuote() {
        let output = html("> T[^1].\n>\n> [^1]: > q\n>\n>         code\n")
        #expect(output.contains("<li id=\"fn:1\">\n<blockquote>\n<p>q</p>\n</blockquote>\n<pre><code>code\n</code></pre>"), "\(output)")
    }

    @Test func escapedAndEntityBracketsAreNotNoteReferences() {
        let (document, diagnostics) = parse("\\[^abc] &#91;^abc] `[^abc]`\n")
        #expect(document.body.string == "<p>[^abc] [^abc] <code>[^abc]</code></p>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func codeIsNeverTouched() {
        let output = html("````\n```\n[^1]: inside the fence\n````\n\nText.\n")
        #expect(output.contains("<pre><code>```\n[^1]: inside the fence\n</code></pre>"))
    }

    @Test func undefinedReferenceStaysAsWrittenWithALocatedWarning() {
        let (document, diagnostics) = parse("Text[^9] here.\n")
        #expect(document.body.string == "<p>Text[^9] here.</p>\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:8:5: warning: note [^9] is referenced but never defined; it is shown as written\n  hint: add a line '[^9]: note text' anywhere in the document"])
    }

    @Test func unusedDefinitionIsAWarningAndNotShown() {
        let (document, diagnostics) = parse("Text.\n\n[^1]: Never used.\n")
        #expect(document.body.string == "<p>Text.</p>\n")
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:10:1: warning: note defined at line 10 is never referenced; it is not shown"])
    }

    @Test func labelsMatchWithoutCaseAsGitHubDoes() {
        let output = html("One[^A] two[^a].\n\n[^a]: Note.\n")
        #expect(output.occurrences(of: "<li id=\"fn:") == 1)
        #expect(output.contains("id=\"fnref:1:2\""))
    }

    @Test func aNoteInsideLinkTextDoesNotNestLinks() {
        let output = html("[the data[^1]](https://example.org)\n\n[^1]: Source.\n")
        #expect(output.contains("<p><a href=\"https://example.org\">the data</a><sup class=\"note-ref\"><a id=\"fnref:1\""))
        #expect(!output.contains("</sup><a href=\"https://example.org\"></a>"))
    }

    @Test func aNoteInsideEmphasisInsideALinkKeepsElementsWellNested() {
        let output = html("[a *b [^1] c*](http://x.example)\n\n[^1]: n\n")
        #expect(output.hasPrefix("<p><a href=\"http://x.example\">a <em>b </em></a><sup class=\"note-ref\"><a id=\"fnref:1\" href=\"#fn:1\" aria-label=\"Note 1\">1</a></sup><a href=\"http://x.example\"><em> c</em></a></p>"))
        let atTheEnd = html("[a **b *c [^1]***](http://x.example)\n\n[^1]: n\n")
        #expect(atTheEnd.hasPrefix("<p><a href=\"http://x.example\">a <strong>b <em>c </em></strong></a><sup class=\"note-ref\">"))
        #expect(atTheEnd.contains("</sup></p>"), "an empty reopening of the link and what was open in it is dropped")
    }

    /// Found by fuzz-markdown: cmark nests an autolink in the link around it, which HTML does
    /// not allow; the outer link stays and the inner one is its text.
    @Test func anAutolinkInsideALinksTextIsItsText() {
        #expect(CMark.renderHTML("[a <https://x.example/a> b](http://y.example)\n").contains("<a href=\"http://y.example\">a <a href=\"https://x.example/a\">"))
        #expect(html("[a <https://x.example/a> b](http://y.example)\n").hasPrefix("<p><a href=\"http://y.example\">a https://x.example/a b</a></p>"))
        let withNote = "x[^1]\n\n[^1]: t[a *b [c <https://x.example/a> d [^1] e*](http://y.example)\n"
        #expect(InputInvariants.markdownProblems(body: withNote).isEmpty, "\(InputInvariants.markdownProblems(body: withNote))")
    }

    /// Found by fuzz-markdown, in its oracle: plain cmark knows no notes, so a second `[^1]:`
    /// that is also a link reference definition makes it read the `[^1]` in a link's text as a
    /// link (and the outer link as text), and a note's indented paragraph as code. The URLs
    /// of both are ours by right; the oracle asks cmark about the body with notes neutralised.
    @Test func theFuzzOracleReadsNotesAsCmarkCannot() {
        let body = "a[^1]\n\n[^1]: <https:x>\n\n[^1]: A note [a *b [^1] c*](http://x.example)\n"
        #expect(!CMark.renderHTML(body).contains("href=\"http://x.example\""), "cmark alone writes no such link")
        #expect(InputInvariants.markdownProblems(body: body).isEmpty, "\(InputInvariants.markdownProblems(body: body))")
        let indented = "a[^1]\n\n[^1]: > quote\n\n    Online: <https://x.example/a>\n"
        #expect(!CMark.renderHTML(indented).contains("href=\"https://x.example/a\""), "to cmark the note's paragraph is code")
        #expect(InputInvariants.markdownProblems(body: indented).isEmpty, "\(InputInvariants.markdownProblems(body: indented))")
    }

    @Test func referencesInsideNotesThatAreNotShownCountForNothing() {
        let (document, diagnostics) = parse("a[^1]\n\n[^1]: one\n[^2]: two[^1]\n")
        let output = document.body.string
        #expect(!output.contains("fnref:1:2"), "the reference in note 2, which is not shown, has no back link")
        #expect(output.occurrences(of: "<li id=\"fn:") == 1)
        #expect(diagnostics.map(\.description) == ["Content/documents/doc.md:11:1: warning: note defined at line 11 is never referenced; it is not shown"])
        let chained = html("a[^1]\n\n[^1]: one[^2]\n[^2]: two[^1]\n")
        #expect(chained.occurrences(of: "<li id=\"fn:") == 2, "a note a shown note refers to is shown")
        for back in ["fnref:1", "fnref:2", "fnref:1:2"] {
            #expect(chained.contains("id=\"\(back)\"") && chained.contains("href=\"#\(back)\""), "\(back)")
        }
    }

    // MARK: Mentions, safety, cmark agreement

    @Test func mentionBoundariesAreUnicodeAware() {
        let indicators = [("ni-149", "NI 149"), ("ni-152", "NI 152")].map(Indicator.nationalIndicator)
        let output = html("NI 149’s rise, NI 149–NI 152, NI 149's, NI 1490 and ΑNI 149.\n",
                          options: .init(indicators: IndicatorMatcher(indicators: indicators), citableBlocks: false))
        #expect(output.occurrences(of: "/ni-149.html\">NI 149</a>") == 3)
        #expect(output.occurrences(of: "/ni-152.html\">NI 152</a>") == 1)
        #expect(output.contains("NI 1490 and ΑNI 149."))
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

    /// On plain CommonMark our HTML and cmark's agree, apart from heading ids and HTML5 void
    /// tags. (`SpecTests` runs every example of the CommonMark spec the same way.)
    @Test(arguments: [
        "Para *em* **strong** `code` [l](https://x.org \"t\") <https://auto.link>\n",
        "> quote\n>\n> - a\n> - b\n",
        "1. one\n2. two\n\n   para in item\n3. three\n",
        "```foo\tbar\nx\n```\n",
        "![alt <b>html</b> *em*](/img.png \"t\")\n",
        "Line  \nbreak and soft\nbreak\n\n---\n",
        "Entities &amp; &copy; \"quotes\" <b>raw</b>\n",
    ])
    func agreesWithCmarkOnPlainCommonMark(_ markdown: String) {
        #expect(SpecComparison.ours(markdown) == SpecComparison.cmark(markdown))
    }

    @Test func citableBlocksHaveStableIdsAndLinks() {
        let options = DocumentParser.Options(citableBlocks: true)
        let first = html("First paragraph.\n\nSecond paragraph.\n\n- item\n", options: options)
        let edited = html("A new opening.\n\nFirst paragraph.\n\nSecond paragraph.\n\n- item\n", options: options)
        let ids = first.ids
        #expect(ids.count == 3 && ids.allSatisfy { $0.hasPrefix("p:") })
        #expect(Set(ids).isSubset(of: Set(edited.ids)), "an edit elsewhere keeps every other id")
        #expect(first.contains("<a class=\"cite-anchor\" href=\"#\(ids[0])\" aria-label=\"Link to this passage\">¶</a></p>"))
        let twice = html("Same.\n\nSame.\n", options: options).ids
        #expect(twice.count == 2 && twice[1] == twice[0] + "-2")
    }

    @Test func sectionTextIsOneLineAndExcerptsStopAtThirtyWords() {
        #expect(SearchText.oneLine(Array("  a\tb\n\nc  d\u{00A0}e \u{2003}f ".utf8)) == "a b c d e f")
        #expect(SearchText.oneLine([]) == "")
        let words = (1...40).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchText.excerpt(words) == (1...30).map { "w\($0)" }.joined(separator: " ") + " …")
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

    @Test func deepNestingIsWalkedWithoutRecursion() {
        let output = html(String(repeating: ">", count: 5000) + " deep\n")
        #expect(output.contains("deep"))
        #expect(output.occurrences(of: "<blockquote>") == output.occurrences(of: "</blockquote>"))
    }
}
