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


    /// GFM's notes: after the body, numbered by first reference, each linked back to every
    /// reference; a definition nothing refers to is not shown.
    mutating func writeNotes() {
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
