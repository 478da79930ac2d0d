/// UTF-8 text with the byte range of each line, found once.
///
/// cmark reports positions as 1-based lines and byte columns; the parse stage goes back to
/// the source bytes for what cmark's tree no longer says (table rows, escapes in text).
struct SourceLines {
    let bytes: [UInt8]
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Byte range of 1-based `line`, without its line feed; empty outside the text.
    func range(ofLine line: Int) -> Range<Int> {
        guard line >= 1, line <= starts.count else { return 0..<0 }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        return start..<max(start, end)
    }

    func line(_ line: Int) -> ArraySlice<UInt8> { bytes[range(ofLine: line)] }

    /// The bytes from 1-based (line, column) to (line, endColumn), both inclusive, clamped.
    func span(line: Int, from column: Int, through endColumn: Int) -> ArraySlice<UInt8> {
        let range = range(ofLine: line)
        let start = min(range.upperBound, range.lowerBound + max(column - 1, 0))
        let end = min(range.upperBound, max(start, range.lowerBound + endColumn))
        return bytes[start..<end]
    }
}

extension UInt8 {
    var isSpaceOrTab: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
    var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self) || (0x5B...0x60).contains(self) || (0x7B...0x7E).contains(self)
    }
}
