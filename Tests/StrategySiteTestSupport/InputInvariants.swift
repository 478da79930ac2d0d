import Foundation
import StrategySite

/// The checks the fuzz targets make on each input, shared with the tests that generate
/// documents and data files, so a generated case and a fuzzed one are held to the same rules.
public enum InputInvariants {
    /// Ids the page templates use themselves; a body must never take one.
    public static let reservedIDs: Set<String> = ["main", "contents", "contents-heading", "top", "notes", "site-search"]

    /// Two indicators, so mentions (`NI 149`, `NI149`, an alias) are linked in the bodies checked.
    public static let indicators: IndicatorMatcher = {
        var diagnostics: [Diagnostic] = []
        let yaml = """
            - { id: ni-149, code: NI 149, title: T, strategy: "2010", kind: national-indicator, aliases: [NI-149a] }
            - { id: psa-25, code: PSA 25, title: U, strategy: "2010", kind: psa }
            """
        return IndicatorMatcher(indicators: DataFileText.indicators(yaml, path: "indicators.yml", &diagnostics))
    }()

    /// Problems of the HTML the parse stage writes for `body`: the page invariants for a body
    /// (``PageInvariants/bodyProblems(_:reservedIDs:)``), every URL with a scheme one that cmark
    /// itself writes for the same Markdown in safe mode (so none comes from raw HTML), every
    /// anchor the parse reports an id of the body, and its diagnostics located and one line each.
    public static func markdownProblems(body written: String) -> [String] {
        // The loader ends lines at CRLF and at a carriage return alone before the parse stage
        // sees the text (``TextFile``), so the body is given as the parser would get it.
        let body = written.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let metadata = DocumentMetadata(title: "T", strategy: "2010", published: PublicationDate(year: 2010), publisher: "P", summary: "S")
        let source = SourceDocument(slug: "doc", path: "doc.md", metadata: metadata, body: body, bodyStartLine: 1)
        var diagnostics: [Diagnostic] = []
        let parsed = DocumentParser(options: .init(indicators: indicators, reservedIDs: reservedIDs, citableBlocks: true)).parse(source, &diagnostics)
        let html = parsed.body.string
        // A `#fragment` the author wrote that names no id is theirs to fix: the parse stage warns
        // at its place, and only a fragment link with no such warning breaks the invariant.
        let warned = Set(diagnostics.compactMap { if case .unknownFragment(let id)? = $0.cause { return id } else { return nil } })
        var problems = PageInvariants.bodyProblems(html, reservedIDs: reservedIDs).filter { problem in
            let prefix = "link '#", suffix = "' names no id on the page"
            guard problem.hasPrefix(prefix), problem.hasSuffix(suffix) else { return true }
            let written = String(problem.dropFirst(prefix.count).dropLast(suffix.count))
            return !warned.contains(written.percentDecodedLeniently)
        }
        // cmark knows no notes. It reads a note definition as a link reference definition,
        // and then `[^1]` inside a link's text as a link, which makes the outer one text; and
        // a note's indented paragraphs as code. So its URLs come from the body as written, from
        // the body without the lines that start a definition, from the body with every `[^`
        // escaped (no note is a link), and from the body with each definition's label taken
        // off and its continuation lines unindented (a note's blocks as cmark reads blocks).
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let definitionEnds = lines.map { line in noteDefinitionStart.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)).flatMap { Range($0.range, in: line)?.upperBound } }
        let withoutNotes = zip(lines, definitionEnds).map { $1 == nil ? $0 : "" }.joined(separator: "\n")
        let notesUnwrapped = zip(lines, definitionEnds).map { line, end in
            if let end { return String(line[end...]) }
            return line.hasPrefix("    ") ? String(line.dropFirst(4)) : line.hasPrefix("\t") ? String(line.dropFirst()) : line
        }.joined(separator: "\n")
        let notesAsText = body.replacingOccurrences(of: "[^", with: "\\[^")
        let cmarkURLs = Set([body, withoutNotes, notesAsText, notesUnwrapped].flatMap { urls(in: CMark.renderHTML($0)) })
        for url in urls(in: html) where hasScheme(url) && !cmarkURLs.contains(url) {
            problems.append("URL '\(url)' is none that cmark writes for this Markdown")
        }
        let ids = Set(html.idValues)
        for anchor in parsed.anchors where !ids.contains(anchor) { problems.append("anchor '\(anchor)' is reported but no id on the body") }
        problems += diagnosticProblems(diagnostics, path: "doc.md", text: body)
        return problems
    }

    /// Problems of what a loader said about one file: each diagnostic in that file, on one of
    /// its lines (or the line after the last), at a column from 1, printed as one line and at
    /// most one hint line, with no control character.
    public static func diagnosticProblems(_ diagnostics: [Diagnostic], path: String, text: String) -> [String] {
        let lines = text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        var problems: [String] = []
        for diagnostic in diagnostics {
            let printed = diagnostic.description
            if diagnostic.location.path != path { problems.append("not in \(path): \(printed)") }
            if diagnostic.location.line < 1 || diagnostic.location.line > lines + 1 || diagnostic.location.column < 1 {
                problems.append("outside the file's \(lines) lines: \(printed)")
            }
            let printedLines = printed.split(separator: "\n", omittingEmptySubsequences: false)
            if printedLines.count > 2 || (printedLines.count == 2 && !printedLines[1].hasPrefix("  hint: ")) || !printedLines[0].hasPrefix(Diagnostic.escaped(path) + ":") {
                problems.append("not one line and a hint: \(printed.debugDescription)")
            }
            if printedLines.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } }) {
                problems.append("a control character printed raw: \(printed.debugDescription)")
            }
        }
        return problems
    }

    /// Problems of one content file's bytes read as `kind`: a value, or a located error; and
    /// every diagnostic as ``diagnosticProblems(_:path:text:)`` wants it.
    package static func dataFileProblems(_ data: Data, as kind: DataFileText.Kind) -> [String] {
        let path = kind == .document ? "documents/doc.md" : kind.rawValue
        let (loaded, diagnostics) = DataFileText.load(data, as: kind, path: path)
        var problems: [String] = []
        if !loaded, !diagnostics.contains(where: { $0.severity == .error }) { problems.append("\(kind.rawValue): no value and no error") }
        // Lines as the loader counts them: CRLF, and a carriage return alone, end a line.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        problems += diagnosticProblems(diagnostics, path: path, text: text)
        return problems
    }

    static let noteDefinitionStart = try! NSRegularExpression(pattern: #"^[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+[ \t>]*)*\[\^[^\]\s]+\]:"#)

    /// Every `href` and `src` value, entities decoded.
    static func urls(in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\s(?:href|src)="([^"]*)""#)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { PageInvariants.decodeEntities(String(html[$0])) }
        }
    }

    /// Whether `url` starts with a scheme as browsers read one: an ASCII letter, then letters,
    /// digits, `+`, `-` or `.`, then `:`. Anything else (`-%5E1%7C:`, found by fuzz-markdown)
    /// is a relative address, which no browser runs.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.unicodeScalars.first,
              first.isASCII, first.properties.isAlphabetic else { return false }
        return url[..<colon].unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }
    }
}

private extension String {
    /// The text of every `id="…"` attribute, in order.
    var idValues: [String] {
        let regex = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
        return regex.matches(in: self, range: NSRange(startIndex..., in: self)).compactMap { Range($0.range(at: 1), in: self).map { PageInvariants.decodeEntities(String(self[$0])) } }
    }
}
