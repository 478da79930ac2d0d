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

    func location(line: Int, column: Int) -> SourceLocation {
        var byteColumn = max(column, 1)
        if let note = noteLines[line], byteColumn > note.markerColumn { byteColumn += note.shift }
        var characterColumn = byteColumn
        if line >= 1, line <= original.count {
            let bytes = original.line(line)
            let prefix = bytes.prefix(min(byteColumn - 1, bytes.count))
            characterColumn = prefix.reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
        return SourceLocation(path: path, line: line + bodyStartLine - 1, column: characterColumn)
    }
}
