/// Finds GFM note references (`[^label]`) in the text cmark left in a text node.
///
/// cmark has already resolved escapes and entities in a text node's literal, so `\[^a]` and
/// `&#91;^a]` look exactly like `[^a]` there. The node's source span tells them apart: the
/// literal is walked beside the source bytes, and a bracket counts only where the source has
/// that same bracket, unescaped. Code spans are separate nodes and never reach this scanner.
enum NoteReferenceScanner {
    struct Reference {
        var label: String
        /// Bytes of the literal the reference occupies.
        var range: Range<Int>
        /// Byte offset of its `[` in the source span, for its column.
        var sourceOffset: Int
    }

    static func mayContainReference(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        guard literal.count >= 4 else { return false }
        for index in 0..<(literal.count - 1) where literal[index] == UInt8(ascii: "[") && literal[index + 1] == UInt8(ascii: "^") {
            return true
        }
        return false
    }

    /// - Parameters:
    ///   - source: the node's span as cmark reports it.
    ///   - line: the whole source line, searched when the span does not line up (cmark's
    ///     columns are off on lazy continuation lines and after reference definitions).
    static func references(in literal: UnsafeBufferPointer<UInt8>, source: ArraySlice<UInt8>, line: ArraySlice<UInt8>) -> [Reference] {
        var origins = sourceOffsets(of: literal, in: source)
        if origins == nil {
            for start in line.indices {
                if let found = sourceOffsets(of: literal, in: line[start...]) {
                    origins = found.map { $0.map { $0 + start - source.startIndex } }
                    break
                }
            }
        }
        let written = origins ?? Array(0..<literal.count)
        var result: [Reference] = []
        var index = 0
        while index + 3 < literal.count {
            guard literal[index] == UInt8(ascii: "["), literal[index + 1] == UInt8(ascii: "^"), let open = written[index] else { index += 1; continue }
            var end = index + 2
            while end < literal.count, !NoteDefinitions.isLabelTerminator(literal[end]), literal[end] != UInt8(ascii: "[") { end += 1 }
            guard end > index + 2, end < literal.count, literal[end] == UInt8(ascii: "]"), written[end] != nil else { index += 1; continue }
            let label = String(decoding: UnsafeBufferPointer(rebasing: literal[(index + 2)..<end]), as: UTF8.self)
            result.append(Reference(label: label, range: index..<(end + 1), sourceOffset: open))
            index = end + 1
        }
        return result
    }

    /// For each byte of the literal, its offset in the source when it was written there as
    /// itself, or nil when it came from an escape or an entity; nil when the literal is not
    /// what `source` starts with.
    static func sourceOffsets(of literal: UnsafeBufferPointer<UInt8>, in source: ArraySlice<UInt8>) -> [Int?]? {
        var origins = [Int?](repeating: nil, count: literal.count)
        var i = source.startIndex, j = 0
        while j < literal.count {
            guard i < source.endIndex else { return nil }
            let byte = source[i]
            if byte == UInt8(ascii: "\\"), i + 1 < source.endIndex, source[i + 1].isASCIIPunctuation, literal[j] == source[i + 1] {
                i += 2; j += 1
            } else if byte == UInt8(ascii: "&"), let end = entityEnd(source, from: i), literal[j] != UInt8(ascii: "&") || !literal.elementsEqual(source[i..<end], from: j) {
                // A decoded entity: one character (one to four bytes) in the literal.
                j += max(1, utf8Length(literal[j]))
                i = end
            } else if byte == literal[j] {
                origins[j] = i - source.startIndex
                i += 1; j += 1
            } else {
                return nil
            }
        }
        return origins
    }

    /// The end of `&name;`, `&#123;` or `&#x1F;` starting at `start`, if one does.
    private static func entityEnd(_ source: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        while index < source.endIndex, index - start <= 32 {
            let byte = source[index]
            if byte == UInt8(ascii: ";") { return index > start + 1 ? index + 1 : nil }
            guard byte == UInt8(ascii: "#") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) else { return nil }
            index += 1
        }
        return nil
    }

    private static func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

private extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether the bytes from `offset` start with `other`.
    func elementsEqual(_ other: ArraySlice<UInt8>, from offset: Int) -> Bool {
        guard count - offset >= other.count else { return false }
        var index = offset
        for byte in other {
            if self[index] != byte { return false }
            index += 1
        }
        return true
    }
}
