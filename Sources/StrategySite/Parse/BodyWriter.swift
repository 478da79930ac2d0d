/// The one walk over cmark's tree: writes the body's HTML into a byte buffer and, on the way,
/// collects what later stages need (sections, anchors, references, mentions, search text).
///
/// HTML follows cmark's own renderer element for element, in safe mode (raw HTML dropped,
/// unsafe URLs emptied), with HTML5 void tags; on top of it come heading ids, GFM tables and
/// notes, links for `doc:`/`theme:`/`indicator:` targets and indicator mentions, and an id on
/// every paragraph, list item and table so that readers can cite them. The block-level walk is
/// here; tables and citable passages, links and text, and notes are in the extensions beside it.
struct BodyWriter {
    struct Options {
        var indicators: IndicatorMatcher
        var citableBlocks: Bool
        /// The page the body is shown on, for relative URLs.
        var pagePath: String
    }

    let options: Options
    let locator: Locator
    let text: SourceLines
    let tables: TableLayout
    let noteLines: [Int: NoteDefinitions.Line]

    var out: [UInt8] = []
    var slugger: Slugger
    var anchors: Set<String> = []
    var headings: [DocumentBody.Heading] = []
    var sections: [Section] = []
    var sectionStack: [Int] = []
    var sectionTexts: [[UInt8]] = []
    var openingText: [UInt8] = []
    var references: [Reference] = []
    /// Links written as `#fragment`, checked against the page's ids once the walk is done.
    var fragmentLinks: [(fragment: String, location: SourceLocation)] = []
    var mentions: [Mention] = []
    var diagnostics: [Diagnostic] = []

    // Where the walk is.
    var headingDepth = 0
    /// Whether the heading being written is a top-level one (it starts a section).
    var inSectionHeading = false
    /// Open inline elements (links, emphasis), innermost last: their start and end tags, and
    /// where the start tag was last written again after a note reference closed them.
    var openInlines: [(tag: [UInt8], close: [UInt8], isLink: Bool, reopenedAt: Int?)] = []
    var image: CMark.Node?
    var listWritten: [Bool] = []
    var tableCount = 0
    /// Set while writing a table cell from the cells document: its text and its location.
    var cell: (text: SourceLines, location: SourceLocation, markerPending: Bool)?
    /// Ids of the citable blocks being written, innermost last; each gets its link on exit.
    var citableIDs: [String] = []
    /// The citable blocks being written, innermost last, with where their text starts.
    var openPassages: [OpenPassage] = []
    var passages: [Passage] = []
    /// Note references met in the current place's text: where in it, and the note's label.
    var notedAt: [(offset: Int, label: String)] = []
    /// The plain text of each note, by label folded to lower case, and where the one being
    /// written starts.
    var noteTexts: [String: String] = [:]
    var noteTextStart = 0

    struct OpenPassage {
        var passage: Passage
        var textStart: Int
        /// For a table: where each row's text ends.
        var rowEnds: [Int] = []
    }

    // Notes, by label folded to lower case as GFM matches them.
    var definedNotes: [String: SourceLocation] = [:]
    var noteBodies: [String: (html: [UInt8], references: [NoteReferenceSlot], anchors: [String])] = [:]
    /// Note bodies being written, innermost last: the text around them, and the note references
    /// met in them (number them only once the note is known to be shown).
    var writingNotes: [(label: String, saved: [UInt8], references: [NoteReferenceSlot], anchors: [String])] = []
    var noteNumbers: [String: Int] = [:]
    var noteOrder: [String] = []
    var noteReferenceCounts: [String: Int] = [:]

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
            if entering { openInline(Array("<em>".utf8), close: Array("</em>".utf8)) } else { closeInline() }
        case .strong:
            if entering { openInline(Array("<strong>".utf8), close: Array("</strong>".utf8)) } else { closeInline() }
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
    mutating func visitInImage(_ event: CMark.Event, _ node: CMark.Node, image: CMark.Node) -> CMark.Step {
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

    /// An id on the page, for links to check; one inside a note counts only if the note is shown.
    mutating func addAnchor(_ id: String) {
        if writingNotes.isEmpty { anchors.insert(id) } else { writingNotes[writingNotes.count - 1].anchors.append(id) }
    }

    mutating func cr() {
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    // MARK: Blocks

    mutating func visitList(_ entering: Bool, _ node: CMark.Node) -> CMark.Step {
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

    mutating func visitItem(_ entering: Bool, _ node: CMark.Node) {
        if let label = noteLabel(of: node) {
            if entering {
                writingNotes.append((label.lowercased(), out, [], []))
                out = []
                noteTextStart = collectedCount
            } else if let (key, saved, references, noteAnchors) = writingNotes.popLast() {
                if noteBodies[key] == nil { noteBodies[key] = (out, references, noteAnchors) }
                out = saved
                let collected = sectionTexts.last ?? openingText
                if noteTexts[key] == nil { noteTexts[key] = SearchText.oneLine(Array(collected[min(noteTextStart, collected.count)...])) }
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

    func noteLabel(of item: CMark.Node) -> String? {
        guard item.kind == .item, let line = noteLines[item.startLine], line.markerColumn == item.startColumn else { return nil }
        return line.label
    }

    mutating func visitParagraph(_ entering: Bool, _ node: CMark.Node) -> CMark.Step {
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

    mutating func writeCodeBlock(_ node: CMark.Node) {
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
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }

    mutating func visitHeading(_ entering: Bool, _ node: CMark.Node) {
        let level = node.headingLevel
        let topLevel = node.parent?.kind == .document
        if entering {
            let title = Self.plainText(of: node)
            let anchor = slugger.slug(for: title)
            addAnchor(anchor)
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
                notedAt = []
            }
            out.append("<h"); out.append(UInt8(ascii: "0") + UInt8(level)); out.append(" id=\"")
            HTML.appendEscaped(anchor, to: &out); out.append("\">")
            headingDepth += 1
            inSectionHeading = topLevel
        } else {
            headingDepth -= 1
            inSectionHeading = false
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

    // MARK: Finishing

    mutating func finish(source: SourceDocument) -> ParsedDocument {
        writeNotes()
        for index in passages.indices {
            passages[index].notes = passages[index].notes.compactMap { mark in
                noteNumbers[mark.label].map { Passage.NoteMark(unit: mark.unit, number: $0) }
            }
        }
        let notes = noteOrder.map { noteTexts[$0] ?? "" }
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
                              passages: passages, notes: notes)
    }
}
