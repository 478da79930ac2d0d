import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Differential tests: the parse stage against cmark on the whole CommonMark spec, and
/// against Debian's `cmark-gfm -e table -e footnotes` on the GFM spec's table examples, on
/// note cases and on generated documents. `make test` fetches the spec texts (from the marko
/// sdist on PyPI) into `.build/spec/` and installs `cmark-gfm`; the tests fail, not skip,
/// without them.
@Suite("Spec: CommonMark and GFM differential tests")
struct SpecTests {
    @Test func everyCommonMarkExampleRendersAsCmarkOrCmarkGFM() throws {
        let examples = try SpecComparison.examples(in: "commonmark.txt")
        #expect(examples.count > 600)
        var plain = 0
        var mismatches: [String] = []
        for (number, example) in examples.enumerated() {
            let gfm = try SpecComparison.cmarkGFM(example.markdown)
            // Where the extensions change an example's meaning (a pipe table, a note), GFM decides.
            if gfm == (try SpecComparison.cmarkGFM(example.markdown, extensions: false)) {
                plain += 1
                if SpecComparison.lines(SpecComparison.ours(example.markdown)) != SpecComparison.lines(SpecComparison.cmark(example.markdown)) { mismatches.append("example \(number + 1) (line \(example.line))") }
            } else if SpecComparison.oursAsGFM(example.markdown) != gfm {
                mismatches.append("example \(number + 1) (line \(example.line), GFM)")
            }
        }
        #expect(plain > 600)
        #expect(mismatches.isEmpty, "\(mismatches.count) examples differ: \(mismatches.joined(separator: ", "))")
    }

    @Test func everyGFMTableExampleRendersAsCmarkGFM() throws {
        let examples = try SpecComparison.examples(in: "gfm.txt").filter { $0.kind == "table" }
        #expect(examples.count >= 8)
        for example in examples {
            #expect(SpecComparison.oursAsGFM(example.markdown) == (try SpecComparison.cmarkGFM(example.markdown)), "line \(example.line): \(example.markdown.debugDescription)")
        }
    }

    /// Notes in lists, quotes, code, escapes and odd orders, and GFM's own note examples, as
    /// GitHub renders them.
    @Test(arguments: [
        "Text[^1] and[^2].\n\n[^1]: First.\n[^2]: Second.\n",
        "- item[^n]\n\n  [^n]: In a list item.\n",
        "> Quote[^q].\n>\n> [^q]: In a quote.\n",
        "Note[^long].\n\n[^long]: First paragraph.\n\n    Second paragraph.\n\n    - a list in the note\n",
        "````\n```\n[^1]: not a note\n````\n\nText.\n",
        "\\[^abc] &#91;^abc] [^abc]\n\n[^abc]: Defined.\n",
        "Undefined[^nope] reference.\n",
        "Used[^a].\n\n[^a]: Yes.\n[^b]: Never used.\n",
        "Upper[^A] lower[^a].\n\n[^a]: Same note.\n",
        "Order[^second] matters[^first].\n\n[^first]: F.\n[^second]: S.\n",
        "[^1]: https://example.org/source\n\nSee[^1].\n",
        "> | a | b |\n> | - | - |\n> | 1 | 2 |\n",
        "- | a | b |\n  | - | - |\n  | 1 | 2 |\n",
        "Paragraph text\n| a | b |\n| - | - |\n| 1 | 2 |\n",
        "| a | b |\n| - | - |\n| 1 | 2 |\nno pipe here\n\nafter\n",
        "| a | b |\n| - | - |\n| [foo] | `c \\| d` |\n\n[foo]: https://example.org\n",
        "| a |\n| :-: |\n| *b* |\n| # c |\n",
        "a\n| - |\n",
        "Text[^1].\n\n[^1]: > quote\n\n        code\n",
        "Text[^1].\n\n[^1]: Note.\n    > quote\n\n        code\n",
        "Text[^1].\n\n[^1]:     code in a note\n",
        "Text[^1].\n\n[^1]: > quote\n        code after a quote\n",
        "Text[^1].\n\n[^1]: >     code in a quote\n",
        "Text[^1].\n\n[^1]: > quote\n>\n>     code in a quote\n",
        "Text[^1].\n\n[^1]: > quote\n    >\n    >     code in a quote\n",
        "Text[^1].\n\n[^1]: Note.\n\n    > quote\n\n         code\n",
        "Text[^1].\n\n[^1]: Note.\n\n    >\tcode\n",
        "Text[^1].\n\n[^1]:\tcode\n",
        "Text[^1].\n\n[^1]: > a\n\n\tcode\n",
        "Text[^1].\n\n[^1]:  > a\n\n          code\n",
        "T[^1].\n\n[^1]: > quote\n\n\t\tcode\n",
        "T[^1].\n\n[^1]:\t> quote\n\n        code\n",
        "T[^1].\n\n[^1]: > q\n\n    \tcode\n",
        "T[^1].\n\n[^1]:   > q\n\n         code\n",
        "- T[^1].\n\n  [^1]: > q\n\n          code\n",
        "T[^ab].\n\n[^ab]: > q\n\n         code\n",
        "T[^1].\n\n[^1]: q\n\n    >     code\n",
        "| x | y |\n| - | - |\n| a\\\\|b |\n",
        "| x |\n| - |\n| a\\\\\\|b | c\\\\d |\n",
    ])
    func issueCasesRenderAsCmarkGFM(_ markdown: String) throws {
        #expect(SpecComparison.oursAsGFM(markdown) == (try SpecComparison.cmarkGFM(markdown)), "\(markdown.debugDescription)")
    }

    /// Documents put together at random from table and note pieces, each compared whole.
    @Test func generatedDocumentsRenderAsCmarkGFM() throws {
        var generator = SeededGenerator(seed: 13)
        let blocks = ["| a | b |\n| --- | :-: |\n| 1 | 2 |\n", "| x |\n| - |\n| y |\nz\n", "Text[^1] more.\n", "Other[^2].\n",
                      "[^1]: One.\n", "[^2]: Two\n    continued.\n", "> quote[^1]\n", "- item\n- item[^2]\n", "Plain *text* here.\n",
                      "```\n[^1]: code\n```\n", "| p | q |\n|---|---|\n| `a|b` | \\| |\n", "## Heading\n", "1. one\n2. two | three\n",
                      "[^3]: Unused.\n", "Ref [^3]\n", "\\[^1] escaped\n"]
        var failures: [String] = []
        var compared = 0
        for _ in 0..<300 {
            let count = Int.random(in: 1...8, using: &generator)
            let separators = ["\n", ""]
            let markdown = (0..<count).map { _ in blocks.randomElement(using: &generator)! + separators.randomElement(using: &generator)! }.joined()
            let problems = InputInvariants.markdownProblems(body: markdown)
            #expect(problems.isEmpty, "\(markdown.debugDescription): \(problems)")
            let gfm = try SpecComparison.cmarkGFM(markdown)
            // A reference inside a note (here by a lazy line after a definition) follows the
            // site's own rule, which the README lists among the differences from GitHub.
            if gfm.components(separatedBy: "<section>").dropFirst().contains(where: { $0.contains("[note ") }) { continue }
            if try !SpecComparison.cmarkGFMBackLinksResolve(markdown) { continue }
            compared += 1
            if SpecComparison.oursAsGFM(markdown) != gfm { failures.append(markdown.debugDescription) }
        }
        #expect(compared > 200)
        #expect(failures.isEmpty, "\(failures.count) of \(compared) differ, e.g. \(failures.prefix(3).joined(separator: " | "))")
    }
}

/// Renders Markdown the three ways the differential tests compare, normalised to one form.
enum SpecComparison {
    struct Example { var markdown: String; var kind: String; var line: Int }

    static var specDirectory: String {
        ProcessInfo.processInfo.environment["STRATEGY_SITE_SPEC_DIR"] ?? Repository.path(".build/spec")
    }

    /// The examples of a spec text: the Markdown between the opening fence and the `.` line.
    static func examples(in file: String) throws -> [Example] {
        let path = specDirectory + "/" + file
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SpecError(message: "\(path) is missing: run `make spec` (part of `make test`)")
        }
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var current: [Substring]?
        var kind = ""
        var start = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.hasPrefix(fence + " example") {
                current = []
                kind = String(line.dropFirst(fence.count + 8).trimmingCharacters(in: .whitespaces))
                start = index + 2
            } else if var lines = current {
                if line == "." {
                    let markdown = lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                    examples.append(Example(markdown: markdown, kind: kind, line: start))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            }
        }
        return examples
    }

    struct SpecError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// The parse stage's body, without heading ids (cmark has none) and citable anchors.
    static func ours(_ markdown: String) -> String {
        var html = parse(markdown).0.body.string
        html = replacing(##"<h([1-6]) id="[^"]*">"##, in: html, with: "<h$1>")
        html = replacing(##" <a class="anchor" href="#[^"]*" aria-label="Link to this section">#</a></h"##, in: html, with: "</h")
        return html
    }

    static func cmark(_ markdown: String) -> String {
        voidTags(CMark.renderHTML(markdown))
    }

    /// Ours, with tables and notes written in cmark-gfm's markup (same structure, other names).
    static func oursAsGFM(_ markdown: String) -> String {
        var html = ours(markdown)
        html = replacing(##"<div class="table-scroll"[^>]*>\n<table>"##, in: html, with: "<table>")
        html = html.replacingOccurrences(of: "</table>\n</div>", with: "</table>")
        html = html.replacingOccurrences(of: " scope=\"col\"", with: "")
        html = replacing(##" class="align-(left|center|right)""##, in: html, with: " align=\"$1\"")
        html = replacing(##"<sup class="note-ref"><a id="fnref:[0-9:]+" href="#fn:[0-9]+" aria-label="Note [0-9]+">([0-9]+)</a></sup>"##, in: html, with: "[note $1]")
        html = replacing(##" ?<a class="note-back"[^>]*>↩</a>"##, in: html, with: "")
        html = html.replacingOccurrences(of: "<section class=\"notes\" aria-label=\"Notes\">", with: "<section>")
        html = replacing(##"<li id="fn:[0-9]+">"##, in: html, with: "<li>")
        return lines(html)
    }

    /// Whether every back link cmark-gfm writes has its reference on the page (it has not
    /// when a reference stands in a note that is not shown).
    static func cmarkGFMBackLinksResolve(_ markdown: String) throws -> Bool {
        let html = try cmarkGFMOutput(markdown, extensions: true)
        let ids = Set(matches(##"id="(fnref-[^"]*)""##, in: html))
        return matches(##"href="#(fnref-[^"]*)""##, in: html).allSatisfy(ids.contains)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// Debian's cmark-gfm with the table and footnote extensions, in the same normal form.
    static func cmarkGFM(_ markdown: String, extensions: Bool = true) throws -> String {
        var html = voidTags(try cmarkGFMOutput(markdown, extensions: extensions))
        html = replacing(##"<sup class="footnote-ref"><a href="#fn-[^"]*" id="fnref-[^"]*" data-footnote-ref>([0-9]+)</a></sup>"##, in: html, with: "[note $1]")
        html = replacing(##" ?<a href="#fnref-[^"]*" class="footnote-backref"[^>]*>↩(<sup class="footnote-ref">[0-9]+</sup>)?</a>"##, in: html, with: "")
        html = html.replacingOccurrences(of: "<section class=\"footnotes\" data-footnotes>", with: "<section>")
        html = replacing(##"<li id="fn-[^"]*">"##, in: html, with: "<li>")
        return lines(html)
    }

    static func cmarkGFMOutput(_ markdown: String, extensions: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        process.arguments = extensions ? ["-e", "table", "-e", "footnotes"] : []
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { throw SpecError(message: "cmark-gfm is not installed: run `make test`, which installs it") }
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// cmark writes XHTML-style void tags and a comment for omitted raw HTML; the site writes
    /// HTML5 tags and nothing.
    static func voidTags(_ html: String) -> String {
        var html = html.replacingOccurrences(of: "<hr />", with: "<hr>").replacingOccurrences(of: "<br />", with: "<br>")
        html = html.replacingOccurrences(of: "<!-- raw HTML omitted -->", with: "")
        return replacing(##"(<img [^>]*) />"##, in: html, with: "$1>")
    }

    /// Without blank lines: where cmark's omitted-HTML comment stood alone, a blank line remains.
    static func lines(_ html: String) -> String {
        html.split(separator: "\n").joined(separator: "\n")
    }

    static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
