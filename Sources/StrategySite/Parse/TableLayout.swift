/// The pipe tables of one document, with each cell parsed as inline Markdown.
///
/// Tables are found in the paragraphs of cmark's tree (see ``PipeTable``). GFM parses each
/// cell on its own as inline Markdown, with the document's link reference definitions; cmark
/// offers no inline parser on its own, so every cell (and the text a table interrupts) is
/// written as a paragraph of a second document, followed by the whole document so that its
/// reference definitions apply, and parsed once. A cell starts with U+2000 (a space to
/// cmark's inline rules, not to its block rules), so `# x` or `1. x` in a cell stays text, as
/// GFM keeps it; the body writer drops that character again.
struct TableLayout {
    struct Key: Hashable { var line: Int; var column: Int }

    struct Table {
        var plan: PipeTable
        /// The paragraph of the text before the header row, if any survived cmark's parse.
        var leading: CMark.Node?
        var header: [CMark.Node?]
        var rows: [[CMark.Node?]]
    }

    /// Tables by the start of the paragraph they replace.
    private(set) var tables: [Key: Table] = [:]
    /// The second document and its text; the nodes in ``tables`` live as long as it does.
    private(set) var cells: CMark.Document?
    private(set) var cellsText: SourceLines?

    static let cellMarker: [UInt8] = [0xE2, 0x80, 0x80] // U+2000 EN QUAD

    init(document: CMark.Document, text: SourceLines) {
        guard Self.mayHoldTable(text) else { return }
        var plans: [(Key, PipeTable)] = []
        document.walk { event, node in
            guard event == .enter else { return .proceed }
            switch node.kind {
            case .paragraph:
                if let plan = PipeTable.find(in: Self.contentLines(of: node, in: text)) {
                    plans.append((Key(line: node.startLine, column: node.startColumn), plan))
                }
                return .skipChildren
            case .heading, .codeBlock, .htmlBlock:
                return .skipChildren
            default:
                return .proceed
            }
        }
        guard !plans.isEmpty else { return }

        // One slot per entry, each opened by a thematic break: a slot may end up empty (an
        // empty cell, or text that was only reference definitions).
        var source: [UInt8] = []
        var slotCount = 0
        func addSlot(_ markdown: [UInt8], cell: Bool) {
            source.append(contentsOf: Array("***\n".utf8))
            if !markdown.isEmpty {
                if cell { source.append(contentsOf: Self.cellMarker) }
                source.append(contentsOf: markdown)
                source.append(UInt8(ascii: "\n"))
            }
            source.append(UInt8(ascii: "\n"))
            slotCount += 1
        }
        for (_, plan) in plans {
            var leading: [UInt8] = []
            for (index, line) in plan.leadingLines.enumerated() {
                if index > 0 { leading.append(UInt8(ascii: "\n")) }
                leading.append(contentsOf: line.content)
            }
            addSlot(leading, cell: false)
            for cell in plan.header { addSlot(cell.markdown, cell: true) }
            for row in plan.rows { for cell in row { addSlot(cell.markdown, cell: true) } }
        }
        source.append(contentsOf: Array("***\n\n".utf8))
        source.append(contentsOf: text.bytes)

        let cells = CMark.Document(parsing: source)
        var slots: [CMark.Node?] = []
        var child = cells.node.firstChild
        while let node = child, slots.count <= slotCount {
            if node.kind == .thematicBreak {
                slots.append(nil)
            } else if node.kind == .paragraph, !slots.isEmpty, slots[slots.count - 1] == nil {
                slots[slots.count - 1] = node
            }
            child = node.next
        }
        var next = 0
        func take() -> CMark.Node? {
            defer { next += 1 }
            return next < slots.count ? slots[next] : nil
        }
        for (key, plan) in plans {
            let leading = take()
            let header = plan.header.map { _ in take() }
            let rows = plan.rows.map { $0.map { _ in take() } }
            tables[key] = Table(plan: plan, leading: leading, header: header, rows: rows)
        }
        self.cells = cells
        self.cellsText = SourceLines(source)
    }

    func table(startingAt node: CMark.Node) -> Table? {
        tables.isEmpty ? nil : tables[Key(line: node.startLine, column: node.startColumn)]
    }

    /// Cheap test on the bytes: a table needs a line with a pipe and a dash.
    private static func mayHoldTable(_ text: SourceLines) -> Bool {
        for line in 1...text.count {
            let bytes = text.line(line)
            if bytes.contains(UInt8(ascii: "|")), bytes.contains(UInt8(ascii: "-")) { return true }
        }
        return false
    }

    /// The paragraph's lines with the markers of its block quotes and list items passed.
    ///
    /// The first line starts where cmark says the paragraph starts. Later lines pass, for each
    /// enclosing container from the outside in, a block quote's `>` or a list item's
    /// indentation; a line without them is a lazy continuation and keeps its text.
    static func contentLines(of paragraph: CMark.Node, in text: SourceLines) -> [PipeTable.SourceLine] {
        var containers: [CMark.Node] = []
        var ancestor = paragraph.parent
        while let node = ancestor, node.kind != .document {
            if node.kind == .blockQuote || node.kind == .item { containers.append(node) }
            ancestor = node.parent
        }
        containers.reverse()
        var widths: [Int] = []
        for (index, container) in containers.enumerated() where container.kind == .item {
            guard let first = container.firstChild else { widths.append(0); continue }
            let outer = strip(text.line(first.startLine), containers: containers[..<index], widths: widths) ?? text.range(ofLine: first.startLine).lowerBound
            widths.append(max(0, first.startColumn - 1 - (outer - text.range(ofLine: first.startLine).lowerBound)))
        }
        var lines: [PipeTable.SourceLine] = []
        for number in paragraph.startLine...max(paragraph.startLine, paragraph.endLine) {
            let range = text.range(ofLine: number)
            let stripped = number == paragraph.startLine
                ? min(range.upperBound, range.lowerBound + paragraph.startColumn - 1)
                : strip(text.line(number), containers: containers[...], widths: widths)
            let start = stripped ?? range.lowerBound
            lines.append(PipeTable.SourceLine(number: number, content: text.bytes[start..<range.upperBound], lineStart: range.lowerBound, isLazy: stripped == nil))
        }
        return lines
    }

    /// Index in `line` after the markers of `containers`; `widths` are the items' indents, in
    /// order. Nil for a lazy line, which lacks a block quote's `>` or an item's indentation.
    private static func strip(_ line: ArraySlice<UInt8>, containers: ArraySlice<CMark.Node>, widths: [Int]) -> Int? {
        var index = line.startIndex
        var item = 0
        for container in containers {
            if container.kind == .blockQuote {
                var probe = index
                while probe < line.endIndex, probe - index < 3, line[probe] == UInt8(ascii: " ") { probe += 1 }
                guard probe < line.endIndex, line[probe] == UInt8(ascii: ">") else { return nil }
                index = probe + 1
                if index < line.endIndex, line[index].isSpaceOrTab { index += 1 }
            } else {
                let width = item < widths.count ? widths[item] : 0
                item += 1
                var skipped = 0
                while index < line.endIndex, skipped < width, line[index].isSpaceOrTab {
                    skipped += line[index] == UInt8(ascii: "\t") ? 4 : 1
                    index += 1
                }
                if skipped < width, index < line.endIndex { return nil }
            }
        }
        return index
    }
}
