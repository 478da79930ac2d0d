/// Citable passages and GFM tables: the block-level parts of the walk that write more than
/// cmark's renderer would.
extension BodyWriter {
    // MARK: Citable blocks

    /// An id from the block's own source text, so it survives edits anywhere else.
    mutating func writeCitableID(_ node: CMark.Node, kind: Passage.Kind? = nil) {
        guard options.citableBlocks, cell == nil, writingNotes.isEmpty else { return }
        let id = slugger.unique("p:" + blockFingerprint(node))
        addAnchor(id)
        out.append(" id=\"")
        let idStart = out.count
        HTML.appendEscaped(id, to: &out)
        let idRange = idStart..<out.count
        out.append("\"")
        citableIDs.append(id)
        openPassages.append(OpenPassage(
            passage: Passage(id: id, kind: kind ?? (node.kind == .item ? .item : .paragraph), section: currentSection, text: "", rows: [],
                             location: locator.location(line: node.startLine, column: node.startColumn), idRanges: [idRange]),
            textStart: collectedCount))
    }

    mutating func writeCitableLink(_ node: CMark.Node) {
        guard options.citableBlocks, cell == nil, writingNotes.isEmpty, let id = citableIDs.popLast() else { return }
        out.append(" <a class=\"cite-anchor\" href=\"#")
        let hrefStart = out.count
        HTML.appendEscaped(id, to: &out)
        let hrefRange = hrefStart..<out.count
        out.append("\" aria-label=\"Link to this passage\">¶</a>")
        guard var open = openPassages.popLast() else { return }
        let collected = sectionTexts.last ?? openingText
        let end = collected.count
        open.passage.text = SearchText.oneLine(Array(collected[min(open.textStart, end)..<end]))
        if open.passage.kind == .table {
            var from = open.textStart
            for rowEnd in open.rowEnds + [end] where rowEnd > from {
                let row = SearchText.oneLine(Array(collected[from..<rowEnd]))
                if !row.isEmpty { open.passage.rows.append(row) }
                from = rowEnd
            }
        }
        open.passage.notes = notedAt.filter { $0.offset >= open.textStart && $0.offset <= end }.map { noted in
            let unit: Int
            if open.passage.kind == .table {
                unit = open.rowEnds.firstIndex { noted.offset <= $0 } ?? open.rowEnds.count
            } else {
                let position = SearchText.oneLine(Array(collected[open.textStart..<noted.offset])).count
                unit = Sentences.ranges(open.passage.text).firstIndex { position <= $0.upperBound + 1 } ?? 0
            }
            return Passage.NoteMark(unit: unit, number: 0, label: noted.label)
        }
        open.passage.idRanges.append(hrefRange)
        passages.append(open.passage)
    }

    /// How many bytes of the current place's text have been collected.
    var collectedCount: Int { sectionTexts.last?.count ?? openingText.count }

    func blockFingerprint(_ node: CMark.Node) -> String {
        let start = text.range(ofLine: node.startLine).lowerBound + max(node.startColumn - 1, 0)
        let end = text.range(ofLine: node.endLine).lowerBound + node.endColumn
        let lower = min(start, text.bytes.count), upper = min(max(end, lower), text.bytes.count)
        return text.bytes.withUnsafeBufferPointer { Slugger.fingerprint(UnsafeBufferPointer(rebasing: $0[lower..<upper])) }
    }

    // MARK: Tables

    mutating func writeTable(_ table: TableLayout.Table, paragraph: CMark.Node) {
        let plan = table.plan
        for problem in plan.problems {
            diagnostics.append(.warning(problem.message, at: locator.location(line: problem.line, column: 1)))
        }
        if let leading = table.leading, let cellsText = tables.cellsText {
            cell = (cellsText, locator.location(line: paragraph.startLine, column: paragraph.startColumn), false)
            cr(); out.append("<p>")
            leading.walk { event, node in node == leading ? .proceed : visit(event, node) }
            out.append("</p>\n")
            collectBreak()
            cell = nil
        }
        tableCount += 1
        var columns: [String] = []
        for node in table.header { columns.append(node.map(Self.plainText(of:))?.replacingOccurrences(of: "\u{2000}", with: "") ?? "") }
        cr()
        out.append("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\"")
        if options.citableBlocks { writeCitableID(paragraph, kind: .table) }
        out.append(" aria-label=\"Table "); out.append(contentsOf: String(tableCount).utf8); out.append(": ")
        HTML.appendEscaped(columns.joined(separator: ", "), to: &out)
        out.append("\">\n<table>\n<thead>\n")
        writeRow(table.header, cells: plan.header, alignments: plan.alignments, header: true)
        out.append("</thead>\n")
        if !table.rows.isEmpty {
            out.append("<tbody>\n")
            for (nodes, cells) in zip(table.rows, plan.rows) { writeRow(nodes, cells: cells, alignments: plan.alignments, header: false) }
            out.append("</tbody>\n")
        }
        out.append("</table>\n")
        if options.citableBlocks { writeCitableLink(paragraph) }
        out.append("</div>\n")
    }

    mutating func writeRow(_ nodes: [CMark.Node?], cells: [PipeTable.Cell], alignments: [PipeTable.Alignment], header: Bool) {
        let tag: StaticString = header ? "th" : "td"
        out.append("<tr>\n")
        for (index, node) in nodes.enumerated() {
            out.append("<"); out.append(tag)
            if header { out.append(" scope=\"col\"") }
            switch index < alignments.count ? alignments[index] : .none {
            case .none: break
            case .left: out.append(" class=\"align-left\"")
            case .center: out.append(" class=\"align-center\"")
            case .right: out.append(" class=\"align-right\"")
            }
            out.append(">")
            if let node, let cellsText = tables.cellsText {
                let source = index < cells.count ? cells[index] : nil
                cell = (cellsText, locator.location(line: source?.line ?? node.startLine, column: source?.column ?? 1), true)
                node.walk { event, child in child == node ? .proceed : visit(event, child) }
                cell = nil
            }
            out.append("</"); out.append(tag); out.append(">\n")
            collectBreak()
        }
        out.append("</tr>\n")
        if cell == nil, let last = openPassages.indices.last, openPassages[last].passage.kind == .table {
            openPassages[last].rowEnds.append(collectedCount)
        }
    }
}
