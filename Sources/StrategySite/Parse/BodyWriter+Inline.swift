/// Links, text (with note references and indicator mentions) and the search text collected
/// beside the HTML.
extension BodyWriter {
    // MARK: Links

    mutating func visitLink(_ entering: Bool, _ node: CMark.Node) {
        guard entering else { closeInline(); return }
        let url = node.url
        var href: [UInt8] = []
        if SiteReference.hasSiteScheme(url) {
            let written = String(decoding: url, as: UTF8.self)
            let target = SiteReference(written)
            references.append(Reference(kind: .link, target: target, written: written, location: location(of: node)))
            if let reference = target {
                HTML.appendEscapedURL(SitePaths.relative(reference.sitePath, from: options.pagePath), to: &href)
                if case .indicator(let id) = reference { mentions.append(Mention(indicator: id, section: currentSection)) }
            }
        } else if HTML.isSafeURL(url) {
            HTML.appendEscapedURL(url, to: &href)
            if url.first == UInt8(ascii: "#"), url.count > 1 {
                fragmentLinks.append((String(decoding: url.dropFirst(), as: UTF8.self), location(of: node)))
            }
        }
        // A link in a link's text (an autolink, which cmark nests) is its text alone: HTML has
        // no link inside a link, and a browser would split the outer one around it.
        if insideLink { openInline([], close: [], isLink: true); return }
        var open: [UInt8] = []
        open.append("<a href=\""); open.append(contentsOf: href); open.append("\"")
        // A link that shows its own address (`<https://…>`) is marked, so print does not add it
        // twice; like the passages' ids, only on the site's pages, not where cmark is the yardstick.
        if options.citableBlocks, let child = node.firstChild, child.kind == .text, child.next == nil, !href.isEmpty,
           child.literal.elementsEqual(url) || (url.starts(with: Array("mailto:".utf8)) && child.literal.elementsEqual(url.dropFirst(7))) {
            open.append(" class=\"url\"")
        }
        if !node.title.isEmpty {
            open.append(" title=\""); HTML.appendEscaped(node.title, to: &open); open.append("\"")
        }
        open.append(">")
        openInline(open, close: Array("</a>".utf8), isLink: true)
    }

    mutating func openInline(_ tag: [UInt8], close: [UInt8], isLink: Bool = false) {
        out.append(contentsOf: tag)
        openInlines.append((tag, close, isLink, nil))
    }

    /// A note reference inside the element closed and reopened it; an empty reopening is dropped.
    mutating func closeInline() {
        guard let open = openInlines.popLast() else { return }
        if let reopened = open.reopenedAt, reopened + open.tag.count == out.count {
            out.removeLast(open.tag.count)
        } else {
            out.append(contentsOf: open.close)
        }
    }

    var insideLink: Bool { openInlines.contains { $0.isLink } }

    var currentSection: String { sectionStack.isEmpty ? "" : sections[sections.count - 1].anchor }

    func location(of node: CMark.Node) -> SourceLocation {
        cell?.location ?? locator.location(line: node.startLine, column: node.startColumn)
    }

    // MARK: Text

    mutating func writeText(_ node: CMark.Node) {
        var literal = node.literal
        if var current = cell, current.markerPending {
            current.markerPending = false
            cell = current
            if literal.starts(with: TableLayout.cellMarker) { literal = UnsafeBufferPointer(rebasing: literal[3...]) }
        }
        var noteReferences: [NoteReferenceScanner.Reference] = []
        if NoteReferenceScanner.mayContainReference(literal) {
            let source = cell?.text ?? text
            noteReferences = NoteReferenceScanner.references(in: literal, source: source.span(line: node.startLine, from: node.startColumn, through: node.endColumn),
                                                              line: source.line(node.startLine))
        }
        var cursor = 0
        // The search text is what readers see: a note reference shows as its number, a
        // superscript that is not part of the sentence's words, so it is left out.
        for reference in noteReferences {
            collect(UnsafeBufferPointer(rebasing: literal[cursor..<(definedNotes[reference.label.lowercased()] == nil ? reference.range.upperBound : reference.range.lowerBound)]))
            // Where a note is referred to, for the note of a figure's sentence.
            if definedNotes[reference.label.lowercased()] != nil { notedAt.append((collectedCount, reference.label.lowercased())) }
            writeMentioning(UnsafeBufferPointer(rebasing: literal[cursor..<reference.range.lowerBound]))
            let column = node.startColumn + reference.sourceOffset
            writeNoteReference(reference.label, written: UnsafeBufferPointer(rebasing: literal[reference.range]),
                               at: cell?.location ?? locator.location(line: node.startLine, column: column))
            cursor = reference.range.upperBound
        }
        collect(UnsafeBufferPointer(rebasing: literal[cursor...]))
        writeMentioning(UnsafeBufferPointer(rebasing: literal[cursor...]))
    }

    /// Escaped text, with known indicator codes linked, except in headings and links.
    ///
    /// A code in a heading is still a mention of its section (a heading that names an
    /// indicator is where the document discusses it), but it is not made a link: the heading
    /// is a link target itself, and its text is what the contents list shows.
    mutating func writeMentioning(_ text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return }
        guard !insideLink else { HTML.appendEscaped(text, to: &out); return }
        guard headingDepth == 0 else {
            for match in options.indicators.matches(in: text) {
                mentions.append(Mention(indicator: match.indicatorID, section: currentSection))
                if inSectionHeading, !sections.isEmpty { sections[sections.count - 1].headingIndicators.append(match.indicatorID) }
            }
            HTML.appendEscaped(text, to: &out)
            return
        }
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


    // MARK: Search text

    mutating func collect(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard headingDepth == 0, image == nil else { return }
        if sectionTexts.isEmpty { openingText.append(contentsOf: bytes) } else { sectionTexts[sectionTexts.count - 1].append(contentsOf: bytes) }
    }

    /// A word break in the search text: between blocks, cells and lines.
    mutating func collectBreak() {
        guard headingDepth == 0 else { return }
        if sectionTexts.isEmpty { openingText.append(UInt8(ascii: " ")) } else { sectionTexts[sectionTexts.count - 1].append(UInt8(ascii: " ")) }
    }

    // MARK: Theme comments

    /// `<!-- themes: a, b -->` directly after a top-level heading names its section's themes.
    mutating func readThemeComment(_ node: CMark.Node) {
        if let named = ThemeComment(node.literal, keyword: "counterparts") { return readCounterpartsComment(named, node) }
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
            references.append(Reference(kind: .themeComment, target: .theme(entry.id), written: entry.id, location: location))
        }
    }

    /// `<!-- counterparts: doc:slug#anchor -->` after a top-level heading (or after its theme
    /// comment) names sections of other strategies as its counterparts; each is checked as a
    /// `doc:` link is.
    mutating func readCounterpartsComment(_ comment: ThemeComment, _ node: CMark.Node) {
        let location = locator.location(line: node.startLine, column: node.startColumn)
        let afterHeading = node.previous?.kind == .heading
            || (node.previous?.kind == .htmlBlock && node.previous.map { ThemeComment($0.literal) != nil } == true && node.previous?.previous?.kind == .heading)
        guard node.parent?.kind == .document, afterHeading, !sections.isEmpty else {
            diagnostics.append(.warning("counterparts comment does not directly follow a heading; it is ignored", at: location,
                                        hint: "put <!-- counterparts: doc:slug#anchor --> on the line after a top-level heading or its themes comment"))
            return
        }
        for entry in comment.entries {
            let at = locator.location(line: node.startLine + entry.lineOffset, column: (entry.lineOffset == 0 ? node.startColumn : 1) + entry.column - 1)
            let target = SiteReference(entry.id)
            guard case .document(_, let anchor?) = target, !anchor.isEmpty else {
                diagnostics.append(.error("a counterpart must be a section, doc:slug#anchor, not '\(entry.id)'", at: at))
                continue
            }
            sections[sections.count - 1].namedCounterparts.append(entry.id)
            references.append(Reference(kind: .link, target: target, written: entry.id, location: at))
        }
    }
}
