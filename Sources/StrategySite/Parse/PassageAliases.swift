/// Puts the passage ledger's old ids into a parsed document: each old id whose passage was
/// edited becomes an empty `<span id="p:old">` at the start of the passage that stands for it
/// now, so a link made to it lands there, and an anchor `doc:` links may name. An old id
/// with no passage alike enough is a warning at its ledger line.
enum PassageAliases {
    static func apply(_ ledger: PassageLedger, to parsed: ParsedDocument, _ diagnostics: inout [Diagnostic]) -> ParsedDocument {
        // A document the ledger holds nothing of has no old ids: its passages need no sketches.
        guard ledger.entries[parsed.slug] != nil else { return parsed }
        let current = parsed.passages.map { (id: $0.id, sketch: PassageSketch(text: $0.text)) }
        let aliases = ledger.aliases(of: parsed.slug, passages: current)
        guard !aliases.isEmpty else { return parsed }
        // Where each current passage's start tag ends, to insert after it.
        var insertAt: [String: Int] = [:]
        let html = parsed.body.html
        for passage in parsed.passages {
            guard let idRange = passage.idRanges.first, idRange.upperBound <= html.count,
                  html[idRange].elementsEqual(passage.id.utf8) || HTML.escape(passage.id).utf8.elementsEqual(html[idRange]),
                  let close = html[idRange.upperBound...].firstIndex(of: UInt8(ascii: ">")) else { continue }
            insertAt[passage.id] = close + 1
        }
        var insertions: [(offset: Int, bytes: [UInt8])] = []
        var anchors = parsed.anchors
        for (entry, target) in aliases {
            guard let target, let offset = insertAt[target], !anchors.contains(entry.id) else {
                if target == nil {
                    diagnostics.append(.warning(
                        "passage '\(entry.id)' of document '\(parsed.slug)' is gone: no passage is like it now, so links made to it land at the top of the page",
                        at: entry.location, hint: "if it was deleted on purpose, delete this line of the ledger"))
                }
                continue
            }
            anchors.insert(entry.id)
            var span = Array("<span id=\"".utf8)
            HTML.appendEscaped(entry.id, to: &span)
            span += Array("\" class=\"passage-alias\"></span>".utf8)
            insertions.append((offset, span))
        }
        guard !insertions.isEmpty else { return parsed }
        insertions.sort { $0.offset < $1.offset }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + insertions.reduce(0) { $0 + $1.bytes.count })
        var cursor = 0
        for insertion in insertions {
            out += html[cursor..<insertion.offset]
            out += insertion.bytes
            cursor = insertion.offset
        }
        out += html[cursor...]
        /// Where a byte offset of the old body is in the new one.
        func moved(_ offset: Int) -> Int {
            offset + insertions.prefix { $0.offset <= offset }.reduce(0) { $0 + $1.bytes.count }
        }
        let headings = parsed.body.headings.map { DocumentBody.Heading(anchor: $0.anchor, start: moved($0.start), end: moved($0.end)) }
        let passages = parsed.passages.map { passage in
            var passage = passage
            passage.idRanges = passage.idRanges.map { moved($0.lowerBound)..<moved($0.upperBound) }
            return passage
        }
        return ParsedDocument(source: parsed.source, body: DocumentBody(html: out, headings: headings), sections: parsed.sections,
                              anchors: anchors, opening: parsed.opening, references: parsed.references, mentions: parsed.mentions,
                              passages: passages, notes: parsed.notes)
    }
}
