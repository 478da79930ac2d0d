/// One document file, split into its front matter and Markdown body.
public struct SourceDocument: Sendable {
    public var slug: String
    /// The path diagnostics print, as the user would type it.
    public var path: String
    public var metadata: DocumentMetadata
    public var body: String
    /// Line of the file on which `body` starts, so positions in the body map back to the file.
    public var bodyStartLine: Int

    public init(slug: String, path: String, metadata: DocumentMetadata, body: String, bodyStartLine: Int) {
        self.slug = slug
        self.path = path
        self.metadata = metadata
        self.body = body
        self.bodyStartLine = bodyStartLine
    }

    /// Splits `text` at its front matter (between two `---` lines at the top) and reads it.
    static func parse(_ text: String, slug: String, path: String, strategies: [Strategy],
                      _ diagnostics: inout [Diagnostic]) -> SourceDocument? {
        guard let split = FrontMatter.split(text) else {
            let hint = "start the file with a line '---', then 'title:', 'strategy:', 'published: YYYY-MM-DD', 'publisher:' and 'summary:' lines, then a line '---'"
            if text.hasPrefix("---") {
                diagnostics.append(.error("front matter is not closed: add a line '---' after it", at: SourceLocation(path: path), hint: hint))
            } else {
                diagnostics.append(.error("missing front matter", at: SourceLocation(path: path), hint: hint))
            }
            return nil
        }
        // Front matter with errors still gives a document (the errors fail the build), so the
        // rest of the site knows it and its links and values are checked as usual.
        var metadata = DocumentMetadata.stand(in: slug)
        if let yaml = YAMLDocument.parse(split.yaml, path: path, lineOffset: 1, diagnostics: &diagnostics),
           let fields = yaml.rootFields(expecting: "front matter", diagnostics: &diagnostics) {
            metadata = DocumentMetadata.decode(fields, strategies: strategies, &diagnostics)
        }
        if split.body.allSatisfy(\.isWhitespace) {
            diagnostics.append(.error("document has no content after its front matter", at: SourceLocation(path: path, line: split.bodyStartLine)))
            return nil
        }
        return SourceDocument(slug: slug, path: path, metadata: metadata, body: split.body, bodyStartLine: split.bodyStartLine)
    }
}

/// The `---` fenced YAML block at the top of a document.
enum FrontMatter {
    /// Returns the YAML between the fences, the body after them, and the body's first line number.
    ///
    /// Finds the lines on UTF-8 bytes and slices the body once: splitting the whole file into
    /// Character lines and joining them again was a twentieth of a build. (`TextFile.read` has
    /// turned CRLF into LF, and a line feed is always a Character of its own.)
    static func split(_ text: String) -> (yaml: String, body: String, bodyStartLine: Int)? {
        let bytes = text.utf8
        let newline = UInt8(ascii: "\n")
        var lineStart = bytes.startIndex
        var lineNumber = 0 // 0-based
        var yamlStart = bytes.startIndex
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: newline) ?? bytes.endIndex
            let line = text[lineStart..<lineEnd].trimmingTrailingSpaces
            if lineNumber == 0 {
                guard line == "---" else { return nil }
            } else if line == "---" || line == "..." {
                let yaml = lineStart == yamlStart ? "" : String(text[yamlStart..<bytes.index(before: lineStart)])
                let body = lineEnd == bytes.endIndex ? "" : String(text[bytes.index(after: lineEnd)...])
                return (yaml, body, lineNumber + 2)
            }
            guard lineEnd != bytes.endIndex else { return nil }
            lineStart = bytes.index(after: lineEnd)
            if lineNumber == 0 { yamlStart = lineStart }
            lineNumber += 1
        }
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
