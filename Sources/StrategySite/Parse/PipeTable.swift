/// A GitHub-style pipe table found in the lines of one paragraph cmark parsed.
///
/// Plain cmark has no tables, so their lines reach the parse stage as a paragraph, in whatever
/// container they were written. GFM's rule is applied to that paragraph's own lines (with the
/// container's markers already passed): a line whose cells match the delimiter row below it
/// starts a table, whether or not text comes before it in the paragraph; every later line of
/// the paragraph is a row, with or without pipes, as the table ends only where the paragraph
/// would. Cells are split at unescaped pipes here, and parsed as inline Markdown by
/// ``TableLayout`` together with the document's link reference definitions.
struct PipeTable {
    enum Alignment { case none, left, center, right }

    struct Cell {
        /// The cell's Markdown, trimmed, with `\|` turned into `|` as GFM does.
        var markdown: [UInt8]
        var line: Int
        /// 1-based byte column of the cell's first byte in the parsed text.
        var column: Int
    }

    struct Problem { var line: Int; var message: String }

    /// One line of the paragraph: its number and its bytes after the container's markers.
    struct SourceLine {
        var number: Int
        var content: ArraySlice<UInt8>
        /// Index in the parsed text where the line starts, for columns.
        var lineStart: Int
        /// A lazy continuation line (without its container's markers) cannot start a table.
        var isLazy = false
    }

    var alignments: [Alignment]
    var header: [Cell]
    var rows: [[Cell]]
    /// The paragraph's lines before the header row, which stay a paragraph.
    var leadingLines: [SourceLine]
    var problems: [Problem] = []

    /// The first table in `lines`, or nil when the paragraph holds none.
    static func find(in lines: [SourceLine]) -> PipeTable? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count {
            guard !lines[index].isLazy, !lines[index - 1].isLazy, let alignments = delimiterRow(lines[index].content) else { continue }
            let header = cells(lines[index - 1])
            guard header.count == alignments.count else { continue }
            var table = PipeTable(alignments: alignments, header: header, rows: [], leadingLines: Array(lines[..<(index - 1)]))
            for line in lines[(index + 1)...] {
                var row = cells(line)
                if row.count != alignments.count {
                    table.problems.append(Problem(line: line.number, message: "table row has \(row.count) cell\(row.count == 1 ? "" : "s") but the header has \(alignments.count); \(row.count > alignments.count ? "the extra cells are dropped" : "empty cells are added")"))
                }
                if row.count > alignments.count { row.removeLast(row.count - alignments.count) }
                while row.count < alignments.count { row.append(Cell(markdown: [], line: line.number, column: line.content.endIndex - line.lineStart + 1)) }
                table.rows.append(row)
            }
            return table
        }
        return nil
    }

    /// `| :--- | ---: |` gives the column alignments; anything else is not a delimiter row.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        guard line.contains(UInt8(ascii: "-")) else { return nil }
        let parts = split(line)
        guard !parts.isEmpty else { return nil }
        var alignments: [Alignment] = []
        for part in parts {
            let cell = part
            guard !cell.isEmpty else { return nil }
            let left = line[cell.lowerBound] == UInt8(ascii: ":")
            let right = line[cell.upperBound - 1] == UInt8(ascii: ":")
            // A cell that is only `:` has its one byte as both ends: no dashes, no delimiter.
            let lower = cell.lowerBound + (left ? 1 : 0), upper = cell.upperBound - (right ? 1 : 0)
            guard lower < upper, line[lower..<upper].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    private static func cells(_ line: SourceLine) -> [Cell] {
        split(line.content).map { part in
            var markdown: [UInt8] = []
            var index = part.lowerBound
            while index < part.upperBound {
                let byte = line.content[index]
                if byte == UInt8(ascii: "\\"), index + 1 < part.upperBound, line.content[index + 1] == UInt8(ascii: "|") {
                    markdown.append(UInt8(ascii: "|"))
                    index += 2
                } else {
                    markdown.append(byte)
                    index += 1
                }
            }
            return Cell(markdown: markdown, line: line.number, column: part.lowerBound - line.lineStart + 1)
        }
    }

    /// Cell ranges of a row, trimmed, split at pipes that are not escaped; the optional pipes
    /// at either end of the row do not make cells.
    private static func split(_ line: ArraySlice<UInt8>) -> [Range<Int>] {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, line[start].isSpaceOrTab { start += 1 }
        while end > start, line[end - 1].isSpaceOrTab { end -= 1 }
        guard start < end else { return [] }
        var boundaries: [Int] = []
        var index = start
        while index < end {
            // `\|` is a pipe in the cell even after another backslash (`a\\|b` is one cell, as
            // in cmark-gfm); no other backslash hides the byte after it.
            if line[index] == UInt8(ascii: "\\"), index + 1 < end, line[index + 1] == UInt8(ascii: "|") { index += 2; continue }
            if line[index] == UInt8(ascii: "|") { boundaries.append(index) }
            index += 1
        }
        var cellStart = start
        var result: [Range<Int>] = []
        for (position, pipe) in boundaries.enumerated() {
            if position == 0, pipe == start { cellStart = pipe + 1; continue }
            result.append(trimmed(line, cellStart..<pipe))
            cellStart = pipe + 1
        }
        if cellStart < end || boundaries.last.map({ $0 != end - 1 }) ?? true {
            result.append(trimmed(line, cellStart..<end))
        }
        return result
    }

    private static func trimmed(_ line: ArraySlice<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, line[lower].isSpaceOrTab { lower += 1 }
        while upper > lower, line[upper - 1].isSpaceOrTab { upper -= 1 }
        return lower..<upper
    }
}
