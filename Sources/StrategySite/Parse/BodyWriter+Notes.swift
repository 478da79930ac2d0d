/// GFM notes: references as they are met, and the notes themselves after the body.
extension BodyWriter {
    mutating func writeNoteReference(_ label: String, written: UnsafeBufferPointer<UInt8>, at location: SourceLocation) {
        let key = label.lowercased()
        guard definedNotes[key] != nil else {
            diagnostics.append(.warning("note [^\(label)] is referenced but never defined; it is shown as written", at: location,
                                        hint: "add a line '[^\(label)]: note text' anywhere in the document"))
            HTML.appendEscaped(written, to: &out)
            return
        }
        // A link (and what is open inside it) is closed around the reference and opened again
        // after it, so no link holds another and every element stays well nested.
        let outside = openInlines.firstIndex { $0.isLink } ?? openInlines.count
        for element in openInlines[outside...].reversed() { out.append(contentsOf: element.close) }
        if writingNotes.isEmpty {
            out.append(contentsOf: noteReferenceMarkup(key))
        } else {
            // Inside a note: numbered and counted only if that note is shown (see writeNotes).
            writingNotes[writingNotes.count - 1].references.append(NoteReferenceSlot(key: key, offset: out.count))
        }
        for index in openInlines.indices[outside...] {
            openInlines[index].reopenedAt = out.count
            out.append(contentsOf: openInlines[index].tag)
        }
    }

    /// The superscript link of one reference to the note `key`, which gets its number at its
    /// first reference and an id of its own (`fnref:N`, `fnref:N:2`…) at each.
    mutating func noteReferenceMarkup(_ key: String) -> [UInt8] {
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
        var markup: [UInt8] = []
        markup.append("<sup class=\"note-ref\"><a id=\"fnref:"); markup.append(contentsOf: digits.utf8)
        if count > 1 { markup.append(UInt8(ascii: ":")); markup.append(contentsOf: String(count).utf8) }
        markup.append("\" href=\"#fn:"); markup.append(contentsOf: digits.utf8)
        markup.append("\" aria-label=\"Note "); markup.append(contentsOf: digits.utf8); markup.append("\">")
        markup.append(contentsOf: digits.utf8); markup.append("</a></sup>")
        return markup
    }

    /// The note bodies of the notes shown, with their own references in place. A note is shown
    /// when the text refers to it, or a note shown does; references inside notes that are not
    /// shown count for nothing, so every back link has its reference on the page.
    mutating func resolveShownNotes() -> [String: [UInt8]] {
        var shown: [String: [UInt8]] = [:]
        var index = 0
        while index < noteOrder.count {
            let key = noteOrder[index]
            index += 1
            guard let body = noteBodies[key] else { continue }
            anchors.formUnion(body.anchors)
            var html: [UInt8] = []
            html.reserveCapacity(body.html.count)
            var cursor = 0
            for reference in body.references {
                html.append(contentsOf: body.html[cursor..<reference.offset])
                html.append(contentsOf: noteReferenceMarkup(reference.key))
                cursor = reference.offset
            }
            html.append(contentsOf: body.html[cursor...])
            shown[key] = html
        }
        return shown
    }

    /// GFM's notes: after the body, numbered by first reference, each linked back to every
    /// reference; a definition nothing refers to is not shown.
    mutating func writeNotes() {
        let bodies = resolveShownNotes()
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
            var body = bodies[key] ?? []
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

/// Where a note reference met inside a note body goes in that body's HTML.
struct NoteReferenceSlot {
    var key: String
    var offset: Int
}
