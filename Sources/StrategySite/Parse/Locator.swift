/// Maps positions cmark reports in the parsed body back to the file an editor opens.
///
/// cmark counts 1-based lines from the body's start and columns in bytes of the text it was
/// given; the file has front matter above the body, note definition lines were rewritten
/// (``NoteDefinitions``), and editors count columns in characters.
struct Locator {
    let path: String
    let bodyStartLine: Int
    let original: SourceLines
    let noteLines: [Int: NoteDefinitions.Line]
    /// Characters (UTF-8 lead bytes) before each block of `blockSize` bytes of the text, so a
    /// column costs at most one block's count however long its line: a document of one long
    /// line with many references would otherwise count each line prefix again, in square time.
    private let charactersBeforeBlock: [Int]
    private let characterCount: Int
    private static let blockSize = 64

    init(path: String, bodyStartLine: Int, original: SourceLines, noteLines: [Int: NoteDefinitions.Line]) {
        self.path = path
        self.bodyStartLine = bodyStartLine
        self.original = original
        self.noteLines = noteLines
        var before: [Int] = []
        before.reserveCapacity(original.bytes.count / Self.blockSize + 1)
        var characters = 0
        for (index, byte) in original.bytes.enumerated() {
            if index % Self.blockSize == 0 { before.append(characters) }
            if byte & 0xC0 != 0x80 { characters += 1 }
        }
        charactersBeforeBlock = before
        characterCount = characters
    }

    func location(line: Int, column: Int) -> SourceLocation {
        var byteColumn = max(column, 1)
        if let note = noteLines[line], byteColumn > note.markerColumn { byteColumn += note.shift }
        var characterColumn = byteColumn
        if line >= 1, line <= original.count {
            let range = original.range(ofLine: line)
            let end = range.lowerBound + min(byteColumn - 1, range.count)
            characterColumn = 1 + characters(before: end) - characters(before: range.lowerBound)
        }
        return SourceLocation(path: path, line: line + bodyStartLine - 1, column: characterColumn)
    }

    /// Characters in the text's first `offset` bytes.
    private func characters(before offset: Int) -> Int {
        guard offset < original.bytes.count else { return characterCount }
        let block = offset / Self.blockSize
        var count = charactersBeforeBlock[block]
        for index in (block * Self.blockSize)..<offset where original.bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
