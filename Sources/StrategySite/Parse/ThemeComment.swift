/// `<!-- themes: recovery, housing -->`: the canonical themes of the section above it; with
/// another keyword, `<!-- counterparts: doc:slug#anchor -->`, the sections an editor names as
/// its counterparts.
struct ThemeComment {
    struct Entry {
        var id: String
        /// Lines after the comment's first line, and the 1-based byte column within that line.
        var lineOffset: Int
        var column: Int
    }

    var entries: [Entry]

    /// Nil unless `html` is exactly one such comment (surrounding whitespace aside).
    init?(_ html: UnsafeBufferPointer<UInt8>, keyword: String = "themes") {
        let bytes = Array(html)
        var start = 0, end = bytes.count
        while start < end, Self.isWhitespace(bytes[start]) { start += 1 }
        while end > start, Self.isWhitespace(bytes[end - 1]) { end -= 1 }
        guard end - start >= 7, bytes[start..<(start + 4)].elementsEqual("<!--".utf8), bytes[(end - 3)..<end].elementsEqual("-->".utf8) else { return nil }
        var index = start + 4
        while index < end - 3, Self.isWhitespace(bytes[index]) { index += 1 }
        let word = Array(keyword.utf8)
        guard bytes[index..<min(end, index + word.count)].elementsEqual(word) else { return nil }
        index += word.count
        while index < end - 3, Self.isWhitespace(bytes[index]) { index += 1 }
        guard index < end - 3, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        entries = []
        var line = 0, lineStart = 0
        var entryStart: Int?
        func finishEntry(at position: Int) {
            guard let begin = entryStart else { return }
            var stop = position
            while stop > begin, Self.isWhitespace(bytes[stop - 1]) { stop -= 1 }
            entries.append(Entry(id: String(decoding: bytes[begin..<stop], as: UTF8.self), lineOffset: line, column: begin - lineStart + 1))
            entryStart = nil
        }
        for position in (0..<index) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        while index < end - 3 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                finishEntry(at: index)
            } else if byte == UInt8(ascii: "\n") {
                finishEntry(at: index)
                line += 1
                lineStart = index + 1
            } else if !Self.isWhitespace(byte), entryStart == nil {
                entryStart = index
            }
            index += 1
        }
        finishEntry(at: end - 3)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
