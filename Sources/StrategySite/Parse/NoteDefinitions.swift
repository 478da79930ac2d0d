/// GitHub-style note definitions (`[^label]: text`), made into something cmark parses.
///
/// In GFM a definition is a container, like a list item: it may sit anywhere (on consecutive
/// lines, inside a block quote or a list item), and lines indented by four spaces after it
/// belong to it. Plain cmark reads `[^1]: text` as a paragraph line or, when the rest looks
/// like a URL, as a link reference definition it swallows. So each line that starts a
/// definition is rewritten, in place, into a `+` list item whose content is indented by four
/// columns, exactly the container GFM describes; cmark then builds the right structure and the
/// body writer takes those items out of the flow as notes. Line numbers never change; columns
/// after the marker move by ``Line/shift``, which locations add back.
///
/// Lines inside code blocks and raw HTML blocks are never touched: they are found by parsing
/// the untouched text first, which only happens when some line looks like a definition.
struct NoteDefinitions {
    struct Line {
        var label: String
        /// 1-based byte column of the `+` marker in the rewritten line.
        var markerColumn: Int
        /// Add to a rewritten column after the marker to get the column in the file.
        var shift: Int
    }

    /// The text cmark should parse.
    var text: [UInt8]
    /// Definition lines by 1-based line number.
    var lines: [Int: Line] = [:]

    /// - Parameter sourceLines: the body, whose line index the parse stage has already made.
    init(_ sourceLines: SourceLines) {
        let source = sourceLines.bytes
        text = source
        var candidates: [(line: Int, prefixEnd: Int, label: Range<Int>, contentStart: Int)] = []
        for number in 1...sourceLines.count {
            let range = sourceLines.range(ofLine: number)
            let line = source[range]
            guard line.count >= 5 else { continue }
            let start = Self.blockStart(line)
            guard let (label, contentStart) = Self.definitionStart(line, at: start) else { continue }
            candidates.append((number, start - range.lowerBound, (label.lowerBound - range.lowerBound)..<(label.upperBound - range.lowerBound), contentStart - range.lowerBound))
        }
        guard !candidates.isEmpty else { return }

        let excluded = Self.linesInCodeAndHTML(source)
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(source.count)
        var next = 0
        for candidate in candidates where !excluded.contains(candidate.line) {
            let lineStart = sourceLines.range(ofLine: candidate.line).lowerBound
            let lineEnd = sourceLines.range(ofLine: candidate.line).upperBound
            rewritten.append(contentsOf: source[next..<(lineStart + candidate.prefixEnd)])
            let hasContent = lineStart + candidate.contentStart < lineEnd
            rewritten.append(contentsOf: hasContent ? Array("+   ".utf8) : [UInt8(ascii: "+")])
            next = lineStart + candidate.contentStart
            let label = String(decoding: source[(lineStart + candidate.label.lowerBound)..<(lineStart + candidate.label.upperBound)], as: UTF8.self)
            lines[candidate.line] = Line(label: label, markerColumn: candidate.prefixEnd + 1,
                                         shift: candidate.contentStart - candidate.prefixEnd - (hasContent ? 4 : 1))
        }
        guard !lines.isEmpty else { return }
        rewritten.append(contentsOf: source[next...])
        text = rewritten
    }

    /// Where a line's own content starts once block quote markers, list markers and
    /// indentation are passed: a definition may open a list item's or a quote's content.
    static func blockStart(_ line: ArraySlice<UInt8>) -> Int {
        var index = line.startIndex
        while true {
            while index < line.endIndex, line[index].isSpaceOrTab { index += 1 }
            guard index < line.endIndex else { return index }
            let byte = line[index]
            if byte == UInt8(ascii: ">") { index += 1; continue }
            let next = index + 1
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*"), next < line.endIndex, line[next].isSpaceOrTab {
                index = next
                continue
            }
            var digitEnd = index
            while digitEnd < line.endIndex, digitEnd - index < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[digitEnd]) { digitEnd += 1 }
            if digitEnd > index, digitEnd + 1 < line.endIndex, line[digitEnd] == UInt8(ascii: ".") || line[digitEnd] == UInt8(ascii: ")"), line[digitEnd + 1].isSpaceOrTab {
                index = digitEnd + 1
                continue
            }
            return index
        }
    }

    /// `[^label]:` at `index`: the label's bytes and where the content after the spaces starts.
    /// Labels are what GFM allows: no spaces, tabs, line ends or `]`.
    static func definitionStart(_ line: ArraySlice<UInt8>, at index: Int) -> (label: Range<Int>, contentStart: Int)? {
        guard index + 4 < line.endIndex, line[index] == UInt8(ascii: "["), line[index + 1] == UInt8(ascii: "^") else { return nil }
        var end = index + 2
        while end < line.endIndex, !isLabelTerminator(line[end]) { end += 1 }
        guard end > index + 2, end + 1 < line.endIndex, line[end] == UInt8(ascii: "]"), line[end + 1] == UInt8(ascii: ":") else { return nil }
        var content = end + 2
        while content < line.endIndex, line[content].isSpaceOrTab { content += 1 }
        return ((index + 2)..<end, content)
    }

    static func isLabelTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "]") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0 || byte == UInt8(ascii: "\r")
    }

    /// Lines cmark reads as code or raw HTML in the untouched text.
    private static func linesInCodeAndHTML(_ source: [UInt8]) -> Set<Int> {
        var lines = Set<Int>()
        CMark.Document(parsing: source).walk { event, node in
            guard event == .enter else { return .proceed }
            switch node.kind {
            case .codeBlock, .htmlBlock:
                lines.formUnion(node.startLine...max(node.startLine, node.endLine))
                return .proceed
            case .paragraph, .heading:
                return .skipChildren
            default:
                return .proceed
            }
        }
        return lines
    }
}
