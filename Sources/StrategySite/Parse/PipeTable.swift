import Foundation

/// GitHub-style pipe tables, which plain cmark reads as an ordinary paragraph.
///
/// The paragraph's source lines are re-read: a header row, a delimiter row (`| --- | :-: |`)
/// and body rows, every line containing a pipe. Each cell is parsed with cmark on its own, so
/// cells hold the same inline Markdown as any paragraph.
enum PipeTable {
    struct Problem { var line: Int; var message: String }

    static func parse(node: MarkdownNode, lines: [Substring]) -> (node: MarkdownNode, problems: [Problem])? {
        guard node.line >= 1, node.endLine >= node.line + 1, node.endLine <= lines.count else { return nil }
        let rows = lines[(node.line - 1)..<node.endLine].map { $0.trimmingCharacters(in: .whitespaces) }
        guard rows.allSatisfy({ $0.contains("|") }), let alignments = delimiterRow(rows[1]) else { return nil }
        let header = cells(rows[0])
        guard header.count == alignments.count else { return nil }

        var problems: [Problem] = []
        var tableRows = [row(header, isHeader: true, width: alignments.count, line: node.line)]
        for (offset, text) in rows.dropFirst(2).enumerated() {
            let line = node.line + 2 + offset
            let values = cells(text)
            if values.count != alignments.count {
                problems.append(Problem(line: line, message: "table row has \(values.count) cells but the header has \(alignments.count)"))
            }
            tableRows.append(row(values, isHeader: false, width: alignments.count, line: line))
        }
        let table = MarkdownNode(.table(alignments: alignments), children: tableRows, line: node.line, column: node.column, endLine: node.endLine)
        return (table, problems)
    }

    /// `| :--- | ---: |` gives the column alignments; anything else is not a delimiter row.
    static func delimiterRow(_ text: String) -> [MarkdownNode.TableAlignment]? {
        let parts = cells(text)
        guard !parts.isEmpty else { return nil }
        var alignments: [MarkdownNode.TableAlignment] = []
        for part in parts {
            let cell = part.trimmingCharacters(in: .whitespaces)
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    /// Splits a row at unescaped pipes, dropping the optional outer ones; `\|` is a literal pipe.
    static func cells(_ text: String) -> [String] {
        var line = Substring(text.trimmingCharacters(in: .whitespaces))
        if line.hasPrefix("|") { line = line.dropFirst() }
        if line.hasSuffix("|"), !line.hasSuffix("\\|") { line = line.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// A row padded or cut to the header's width, as GitHub does.
    private static func row(_ values: [String], isHeader: Bool, width: Int, line: Int) -> MarkdownNode {
        var cells: [MarkdownNode] = []
        for index in 0..<width {
            let text = index < values.count ? values[index] : ""
            cells.append(MarkdownNode(.tableCell, children: inlines(text, line: line), line: line, column: 1))
        }
        return MarkdownNode(.tableRow(isHeader: isHeader), children: cells, line: line, column: 1)
    }

    /// A cell's inline content. Text that cmark would read as a block (a leading `#` or `-`)
    /// stays literal text: cells hold inline Markdown only.
    private static func inlines(_ text: String, line: Int) -> [MarkdownNode] {
        guard !text.isEmpty else { return [] }
        let parsed = CMark.parse(text).document
        guard parsed.children.count == 1, let paragraph = parsed.children.first, paragraph.kind == .paragraph else {
            return [MarkdownNode(.text, literal: text, line: line, column: 1)]
        }
        return paragraph.children.map { relocated($0, line: line) }
    }

    /// Cell nodes carry the table line, so links found in cells report a usable location.
    private static func relocated(_ node: MarkdownNode, line: Int) -> MarkdownNode {
        var node = node
        node.line = line
        node.endLine = line
        node.children = node.children.map { relocated($0, line: line) }
        return node
    }
}
