/// The one walk over cmark's tree: writes the body's HTML into a byte buffer and, on the way,
/// collects what later stages need (sections, anchors, references, mentions, search text).
///
/// HTML follows cmark's own renderer element for element, in safe mode (raw HTML dropped,
/// unsafe URLs emptied), with HTML5 void tags; on top of it come heading ids, GFM tables and
/// notes, links for `doc:`/`theme:`/`indicator:` targets and indicator mentions, and an id on
/// every paragraph, list item and table so that readers can cite them.
struct BodyWriter {
    struct Options {
        var indicators: IndicatorMatcher
        var citableBlocks: Bool
        /// The page the body is shown on, for relative URLs.
        var pagePath: String
    }

    private let options: Options
    private let locator: Locator
    private let text: SourceLines
    private let tables: TableLayout
    private let noteLines: [Int: NoteDefinitions.Line]

    private var out: [UInt8] = []
    private var slugger: Slugger
    private var anchors: Set<String> = []
    private var headings: [DocumentBody.Heading] = []
    private var sections: [Section] = []
    private var sectionStack: [Int] = []
    private var sectionTexts: [[UInt8]] = []
    private var openingText: [UInt8] = []
    private var references: [Reference] = []
    private var mentions: [Mention] = []
    private(set) var diagnostics: [Diagnostic] = []

    // Where the walk is.
    private var headingDepth = 0
    /// Open links: their start tag, and where it was last written again after a note reference.
    private var openLinks: [(tag: [UInt8], reopenedAt: Int?)] = []
    private var image: CMark.Node?
    private var listWritten: [Bool] = []
    private var tableCount = 0
    /// Set while writing a table cell from the cells document: its text and its location.
    private var cell: (text: SourceLines, location: SourceLocation, markerPending: Bool)?
    /// Ids of the citable blocks being written, innermost last; each gets its link on exit.
    private var citableIDs: [String] = []

    // Notes, by label folded to lower case as GFM matches them.
    private var definedNotes: [String: SourceLocation] = [:]
    private var noteBodies: [String: [UInt8]] = [:]
    private var writingNotes: [(label: String, saved: [UInt8])] = []
    private var noteNumbers: [String: Int] = [:]
    private var noteOrder: [String] = []
    private var noteReferenceCounts: [String: Int] = [:]

    init(options: Options, locator: Locator, text: SourceLines, tables: TableLayout, notes: NoteDefinitions, reservedIDs: Set<String>) {
        self.options = options
        self.locator = locator
        self.text = text
        self.tables = tables
        self.noteLines = notes.lines
        self.slugger = Slugger(reserved: reservedIDs)
        out.reserveCapacity(text.bytes.count + text.bytes.count / 4)
        for (line, definition) in notes.lines.sorted(by: { $0.key < $1.key }) {
            let key = definition.label.lowercased()
            let location = locator.location(line: line, column: definition.markerColumn)
            if let first = definedNotes[key] {
                diagnostics.append(.warning("note [^\(definition.label)] is defined again (first at line \(first.line)); the first definition is used", at: location))
            } else {
                definedNotes[key] = location
            }
        }
    }

    // MARK: The walk

    mutating func visit(_ event: CMark.Event, _ node: CMark.Node) -> CMark.Step {
        if let image { return visitInImage(event, node, image: image) }
        let entering = event == .enter
        switch node.kind {
        case .document, .other:
            break
        case .blockQuote:
            cr(); out.append(entering ? "<blockquote>\n" : "</blockquote>\n")
        case .list:
            return visitList(entering, node)
        case .item:
            visitItem(entering, node)
        case .codeBlock:
            writeCodeBlock(node)
        case .htmlBlock:
            cr() // where cmark writes its "raw HTML omitted" comment; raw HTML never reaches a page
            readThemeComment(node)
        case .paragraph:
            return visitParagraph(entering, node)
        case .heading:
            visitHeading(entering, node)
        case .thematicBreak:
            cr(); out.append("<hr>\n")
        case .text:
            writeText(node)
        case .softBreak:
            out.append(UInt8(ascii: "\n")); collectBreak()
        case .lineBreak:
            out.append("<br>\n"); collectBreak()
        case .code:
            out.append("<code>"); HTML.appendEscaped(node.literal, to: &out); out.append("</code>")
            collect(node.literal)
        case .htmlInline:
            break
        case .emphasis:
            out.append(entering ? "<em>" : "</em>")
        case .strong:
            out.append(entering ? "<strong>" : "</strong>")
        case .link:
            visitLink(entering, node)
        case .image:
            out.append("<img src=\"")
            let url = node.url
            if HTML.isSafeURL(url), !SiteReference.hasSiteScheme(url) { HTML.appendEscapedURL(url, to: &out) }
            out.append("\" alt=\"")
            image = node
        }
        return .proceed
    }

    /// cmark writes an image's description as plain text inside `alt`.
    private mutating func visitInImage(_ event: CMark.Event, _ node: CMark.Node, image: CMark.Node) -> CMark.Step {
        switch node.kind {
        case .text, .code, .htmlInline:
            HTML.appendEscaped(node.literal, to: &out)
        case .softBreak, .lineBreak:
            out.append(UInt8(ascii: " "))
        case .image where event == .exit && node == image:
            out.append(UInt8(ascii: "\""))
            if !node.title.isEmpty {
                out.append(" title=\""); HTML.appendEscaped(node.title, to: &out); out.append(UInt8(ascii: "\""))
            }
            out.append(">")
            self.image = nil
        default:
            break
        }
        return .proceed
    }

    private mutating func cr() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    // MARK: Blocks

    private mutating func visitList(_ entering: Bool, _ node: CMark.Node) -> CMark.Step {
        if entering {
            // A list made only of note definitions is no list on the page.
            var child = node.firstChild
            var written = false
            while let item = child, !written {
                written = noteLabel(of: item) == nil
                child = item.next
            }
            listWritten.append(written)
            guard written else { return .proceed }
            cr()
            if !node.isOrderedList {
                out.append("<ul>\n")
            } else if node.listStart == 1 {
                out.append("<ol>\n")
            } else {
                out.append("<ol start=\""); out.append(contentsOf: String(node.listStart).utf8); out.append("\">\n")
            }
        } else if listWritten.popLast() == true {
            cr(); out.append(node.isOrderedList ? "</ol>\n" : "</ul>\n")
        }
        return .proceed
    }

    private mutating func visitItem(_ entering: Bool, _ node: CMark.Node) {
        if let label = noteLabel(of: node) {
            if entering {
                writingNotes.append((label.lowercased(), out))
                out = []
            } else if let (key, saved) = writingNotes.popLast() {
                if noteBodies[key] == nil { noteBodies[key] = out }
                out = saved
            }
            collectBreak()
            return
        }
        if entering {
            cr(); out.append("<li")
            writeCitableID(node)
            out.append(">")
        } else {
            writeCitableLink(node)
            out.append("</li>\n")
            collectBreak()
        }
    }

    private func noteLabel(of item: CMark.Node) -> String? {
        guard item.kind == .item, let line = noteLines[item.startLine], line.markerColumn == item.startColumn else { return nil }
        return line.label
    }

    private mutating func visitParagraph(_ entering: Bool, _ node: CMark.Node) -> CMark.Step {
        if entering, cell == nil, let table = tables.table(startingAt: node) {
            writeTable(table, paragraph: node)
            return .skipChildren
        }
        let parent = node.parent
        let inNote = parent.map { noteLabel(of: $0) != nil } ?? false
        let tight = !inNote && parent?.parent.map { $0.kind == .list && $0.isTightList } ?? false
        let citable = parent.map { $0.kind == .document || $0.kind == .blockQuote } ?? false
        if entering {
            if !tight {
                cr(); out.append("<p")
                if citable { writeCitableID(node) }
                out.append(">")
            }
        } else {
            if !tight {
                if citable { writeCitableLink(node) }
                out.append("</p>\n")
            }
            collectBreak()
        }
        return .proceed
    }

    private mutating func writeCodeBlock(_ node: CMark.Node) {
        cr()
        let info = node.fenceInfo
        var languageEnd = 0
        while languageEnd < info.count, !Self.isSpace(info[languageEnd]) { languageEnd += 1 }
        if languageEnd > 0 {
            out.append("<pre><code class=\"language-")
            HTML.appendEscaped(UnsafeBufferPointer(rebasing: info[..<languageEnd]), to: &out)
            out.append("\">")
        } else {
            out.append("<pre><code>")
        }
        HTML.appendEscaped(node.literal, to: &out)
        out.append("</code></pre>\n")
        collect(node.literal)
        collectBreak()
    }

    /// cmark's `cmark_isspace`: the info string's first word ends at any of these.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    private mutating func visitHeading(_ entering: Bool, _ node: CMark.Node) {
        let level = node.headingLevel
        let topLevel = node.parent?.kind == .document
        if entering {
            let title = Self.plainText(of: node)
            let anchor = slugger.slug(for: title)
            anchors.insert(anchor)
            cr()
            if topLevel {
                headings.append(DocumentBody.Heading(anchor: anchor, start: out.count, end: out.count))
                while let last = sectionStack.last, sections[last].level >= level { sectionStack.removeLast() }
                let parent = sectionStack.last.map { sections[$0] }
                sections.append(Section(anchor: anchor, title: title, level: level, themes: [], themesDeclared: false,
                                        parentAnchor: parent?.anchor, excerpt: "", text: "",
                                        location: locator.location(line: node.startLine, column: node.startColumn)))
                sectionStack.append(sections.count - 1)
                sectionTexts.append([])
            }
            out.append("<h"); out.append(UInt8(ascii: "0") + UInt8(level)); out.append(" id=\"")
            HTML.appendEscaped(anchor, to: &out); out.append("\">")
            headingDepth += 1
        } else {
            headingDepth -= 1
            let anchor = topLevel ? headings.last?.anchor ?? "" : ""
            if topLevel {
                out.append(" <a class=\"anchor\" href=\"#"); HTML.appendEscaped(anchor, to: &out)
                out.append("\" aria-label=\"Link to this section\">#</a>")
            }
            out.append("</h"); out.append(UInt8(ascii: "0") + UInt8(level)); out.append(">\n")
            if topLevel { headings[headings.count - 1].end = out.count }
        }
    }

    /// What a reader sees of a heading, without markup: its id and its title in lists.
    static func plainText(of node: CMark.Node) -> String {
        var bytes: [UInt8] = []
        node.walk { event, child in
            switch child.kind {
            case .text, .code: bytes.append(contentsOf: child.literal)
            case .softBreak, .lineBreak: bytes.append(UInt8(ascii: " "))
            default: break
            }
            return .proceed
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Citable blocks

    /// An id from the block's own source text, so it survives edits anywhere else.
    private mutating func writeCitableID(_ node: CMark.Node) {
        guard options.citableBlocks, cell == nil, writingNotes.isEmpty else { return }
        let id = slugger.unique("p:" + blockFingerprint(node))
        anchors.insert(id)
        out.append(" id=\""); HTML.appendEscaped(id, to: &out); out.append("\"")
        citableIDs.append(id)
    }

    private mutating func writeCitableLink(_ node: CMark.Node) {
        guard options.citableBlocks, cell == nil, writingNotes.isEmpty, let id = citableIDs.popLast() else { return }
        out.append(" <a class=\"cite-anchor\" href=\"#"); HTML.appendEscaped(id, to: &out)
        out.append("\" aria-label=\"Link to this passage\">¶</a>")
    }

    private func blockFingerprint(_ node: CMark.Node) -> String {
        let start = text.range(ofLine: node.startLine).lowerBound + max(node.startColumn - 1, 0)
        let end = text.range(ofLine: node.endLine).lowerBound + node.endColumn
        let lower = min(start, text.bytes.count), upper = min(max(end, lower), text.bytes.count)
        return text.bytes.withUnsafeBufferPointer { Slugger.fingerprint(UnsafeBufferPointer(rebasing: $0[lower..<upper])) }
    }

    // MARK: Tables

    private mutating func writeTable(_ table: TableLayout.Table, paragraph: CMark.Node) {
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
        if options.citableBlocks { writeCitableID(paragraph) }
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

    private mutating func writeRow(_ nodes: [CMark.Node?], cells: [PipeTable.Cell], alignments: [PipeTable.Alignment], header: Bool) {
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
    }

    // MARK: Links

    private mutating func visitLink(_ entering: Bool, _ node: CMark.Node) {
        guard entering else {
            // A note reference inside the link closed and reopened it; drop an empty reopening.
            if let open = openLinks.popLast(), let reopened = open.reopenedAt, reopened == out.count {
                out.removeLast(open.tag.count)
            } else {
                out.append("</a>")
            }
            return
        }
        let url = node.url
        var href: [UInt8] = []
        if SiteReference.hasSiteScheme(url) {
            let target = String(decoding: url, as: UTF8.self)
            references.append(Reference(kind: .link, target: target, location: location(of: node)))
            if let reference = SiteReference(target) {
                HTML.appendEscapedURL(SitePaths.relative(reference.sitePath, from: options.pagePath), to: &href)
                if case .indicator(let id) = reference { mentions.append(Mention(indicator: id, section: currentSection)) }
            }
        } else if HTML.isSafeURL(url) {
            HTML.appendEscapedURL(url, to: &href)
        }
        var open: [UInt8] = []
        open.append("<a href=\""); open.append(contentsOf: href); open.append("\"")
        if !node.title.isEmpty {
            open.append(" title=\""); HTML.appendEscaped(node.title, to: &open); open.append("\"")
        }
        open.append(">")
        out.append(contentsOf: open)
        openLinks.append((open, nil))
    }

    private var currentSection: String { sectionStack.isEmpty ? "" : sections[sections.count - 1].anchor }

    private func location(of node: CMark.Node) -> SourceLocation {
        cell?.location ?? locator.location(line: node.startLine, column: node.startColumn)
    }

    // MARK: Text

    private mutating func writeText(_ node: CMark.Node) {
        var literal = node.literal
        if var current = cell, current.markerPending {
            current.markerPending = false
            cell = current
            if literal.starts(with: TableLayout.cellMarker) { literal = UnsafeBufferPointer(rebasing: literal[3...]) }
        }
        collect(literal)
        var noteReferences: [NoteReferenceScanner.Reference] = []
        if NoteReferenceScanner.mayContainReference(literal) {
            let source = cell?.text ?? text
            noteReferences = NoteReferenceScanner.references(in: literal, source: source.span(line: node.startLine, from: node.startColumn, through: node.endColumn),
                                                              line: source.line(node.startLine))
        }
        var cursor = 0
        for reference in noteReferences {
            writeMentioning(UnsafeBufferPointer(rebasing: literal[cursor..<reference.range.lowerBound]))
            let column = node.startColumn + reference.sourceOffset
            writeNoteReference(reference.label, written: UnsafeBufferPointer(rebasing: literal[reference.range]),
                               at: cell?.location ?? locator.location(line: node.startLine, column: column))
            cursor = reference.range.upperBound
        }
        writeMentioning(UnsafeBufferPointer(rebasing: literal[cursor...]))
    }

    /// Escaped text, with known indicator codes linked, except in headings and links.
    private mutating func writeMentioning(_ text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return }
        guard headingDepth == 0, openLinks.isEmpty else { HTML.appendEscaped(text, to: &out); return }
        let matches = options.indicators.matches(in: text)
        var cursor = 0
        for match in matches {
            HTML.appendEscaped(UnsafeBufferPointer(rebasing: text[cursor..<match.range.lowerBound]), to: &out)
            out.append("<a href=\"")
            HTML.appendEscapedURL(SitePaths.relative(SitePaths.indicator(match.indicatorID), from: options.pagePath), to: &out)
            out.append("\">")
            HTML.appendEscaped(UnsafeBufferPointer(rebasing: text[match.range]), to: &out)
            out.append("</a>")
            mentions.append(Mention(indicator: match.indicatorID, section: currentSection))
            cursor = match.range.upperBound
        }
        HTML.appendEscaped(UnsafeBufferPointer(rebasing: text[cursor...]), to: &out)
    }

    private mutating func writeNoteReference(_ label: String, written: UnsafeBufferPointer<UInt8>, at location: SourceLocation) {
        let key = label.lowercased()
        guard definedNotes[key] != nil else {
            diagnostics.append(.warning("note [^\(label)] is referenced but never defined; it is shown as written", at: location,
                                        hint: "add a line '[^\(label)]: note text' anywhere in the document"))
            HTML.appendEscaped(written, to: &out)
            return
        }
        let number: Int
        if let known = noteNumbers[key] {
            number = known
        } else {
            noteOrder.append(key)
            number = noteOrder.count
            noteNumbers[key] = number
        }
        let count = noteReferenceCounts[key, default: 0] + 1
        noteReferenceCounts[key] = count
        let digits = String(number)
        if !openLinks.isEmpty { out.append("</a>") }
        out.append("<sup class=\"note-ref\"><a id=\"fnref:"); out.append(contentsOf: digits.utf8)
        if count > 1 { out.append(UInt8(ascii: ":")); out.append(contentsOf: String(count).utf8) }
        out.append("\" href=\"#fn:"); out.append(contentsOf: digits.utf8)
        out.append("\" aria-label=\"Note "); out.append(contentsOf: digits.utf8); out.append("\">")
        out.append(contentsOf: digits.utf8); out.append("</a></sup>")
        if let open = openLinks.popLast() {
            out.append(contentsOf: open.tag)
            openLinks.append((open.tag, out.count))
        }
    }

    // MARK: Search text

    private mutating func collect(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard headingDepth == 0, image == nil else { return }
        if sectionTexts.isEmpty { openingText.append(contentsOf: bytes) } else { sectionTexts[sectionTexts.count - 1].append(contentsOf: bytes) }
    }

    /// A word break in the search text: between blocks, cells and lines.
    private mutating func collectBreak() {
        guard headingDepth == 0 else { return }
        if sectionTexts.isEmpty { openingText.append(UInt8(ascii: " ")) } else { sectionTexts[sectionTexts.count - 1].append(UInt8(ascii: " ")) }
    }

    // MARK: Theme comments

    /// `<!-- themes: a, b -->` directly after a top-level heading names its section's themes.
    private mutating func readThemeComment(_ node: CMark.Node) {
        guard let comment = ThemeComment(node.literal) else { return }
        guard node.parent?.kind == .document, node.previous?.kind == .heading, !sections.isEmpty else {
            diagnostics.append(.warning("theme comment does not directly follow a heading; it is ignored",
                                        at: locator.location(line: node.startLine, column: node.startColumn),
                                        hint: "put <!-- themes: ... --> on the line after a top-level heading"))
            return
        }
        sections[sections.count - 1].themes = comment.entries.map(\.id)
        sections[sections.count - 1].themesDeclared = true
        for entry in comment.entries {
            let location = locator.location(line: node.startLine + entry.lineOffset, column: (entry.lineOffset == 0 ? node.startColumn : 1) + entry.column - 1)
            references.append(Reference(kind: .themeComment, target: "theme:" + entry.id, location: location))
        }
    }

    // MARK: Finishing

    mutating func finish(source: SourceDocument) -> ParsedDocument {
        writeNotes()
        // A section's declared themes pass to subsections that declare none, in order.
        var byAnchor: [String: Int] = [:]
        for index in sections.indices {
            byAnchor[sections[index].anchor] = index
            if !sections[index].themesDeclared, let parent = sections[index].parentAnchor, let p = byAnchor[parent] {
                sections[index].themes = sections[p].themes
            }
            let text = SearchText.oneLine(sectionTexts[index])
            sections[index].text = text
            sections[index].excerpt = SearchText.excerpt(text)
        }
        return ParsedDocument(source: source, body: DocumentBody(html: out, headings: headings), sections: sections,
                              anchors: anchors, opening: SearchText.oneLine(openingText), references: references, mentions: mentions,
                              sectionIndex: Dictionary(sections.indices.map { (sections[$0].anchor, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// GFM's notes: after the body, numbered by first reference, each linked back to every
    /// reference; a definition nothing refers to is not shown.
    private mutating func writeNotes() {
        for (key, location) in definedNotes where noteNumbers[key] == nil {
            diagnostics.append(.warning("note defined at line \(location.line) is never referenced; it is not shown", at: location))
        }
        guard !noteOrder.isEmpty else { return }
        cr()
        out.append("<section class=\"notes\" aria-label=\"Notes\">\n<ol>\n")
        for (index, key) in noteOrder.enumerated() {
            let digits = String(index + 1)
            anchors.insert("fn:" + digits)
            out.append("<li id=\"fn:"); out.append(contentsOf: digits.utf8); out.append("\">\n")
            var body = noteBodies[key] ?? []
            var backLinks: [UInt8] = []
            let uses = noteReferenceCounts[key, default: 1]
            for use in 1...max(uses, 1) {
                backLinks.append(" <a class=\"note-back\" href=\"#fnref:"); backLinks.append(contentsOf: digits.utf8)
                if use > 1 { backLinks.append(UInt8(ascii: ":")); backLinks.append(contentsOf: String(use).utf8) }
                backLinks.append("\" aria-label=\"Back to reference "); backLinks.append(contentsOf: digits.utf8)
                if uses > 1 { backLinks.append(" ("); backLinks.append(contentsOf: String(use).utf8); backLinks.append(")") }
                backLinks.append("\">↩</a>")
            }
            let paragraphEnd = Array("</p>\n".utf8)
            if body.count >= paragraphEnd.count, body.suffix(paragraphEnd.count).elementsEqual(paragraphEnd) {
                body.insert(contentsOf: backLinks, at: body.count - paragraphEnd.count)
            } else {
                // After a list or code, the links stand on their own line, as GitHub puts them.
                if body.last != UInt8(ascii: "\n") { body.append(UInt8(ascii: "\n")) }
                body.append(contentsOf: backLinks.dropFirst())
                body.append(UInt8(ascii: "\n"))
            }
            out.append(contentsOf: body)
            out.append("</li>\n")
        }
        out.append("</ol>\n</section>\n")
    }
}
