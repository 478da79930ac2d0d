import Foundation

/// Parses one document's Markdown with cmark and adds what the content contract asks of it:
/// heading anchors, section themes from `<!-- themes: ... -->` comments, pipe tables and
/// numbered notes. Returns plain values; problems are gathered as diagnostics.
public struct DocumentParser: Sendable {
    public init() {}

    public func parse(_ source: SourceDocument, _ diagnostics: inout [Diagnostic]) -> ParsedDocument {
        var context = Context(source: source)
        let (document, flattened) = CMark.parse(Self.protectingNoteDefinitions(source.body))
        if flattened {
            diagnostics.append(.warning("Markdown nested more than \(CMark.maximumDepth) levels deep; deeper levels are flattened",
                                        at: SourceLocation(path: source.path, line: source.bodyStartLine)))
        }
        var blocks = document.children.map { tables(in: $0, &context) }
        blocks = notes(in: blocks, &context)
        blocks = blocks.map { noteReferences(in: $0, &context) }
        blocks = anchors(in: blocks, &context)
        let sections = sections(of: &blocks, &context)
        collectLinks(in: blocks, &context)
        checkNoteReferences(&context)
        diagnostics += context.diagnostics
        return ParsedDocument(source: source, blocks: blocks, sections: sections, opening: context.opening, references: context.references)
    }

    /// State of one parse: the document's lines (for tables and locations) and what was found.
    struct Context {
        let source: SourceDocument
        let lines: [Substring]
        var diagnostics: [Diagnostic] = []
        var references: [Reference] = []
        var slugger = Slugger()
        var definedNotes: [String: SourceLocation] = [:]
        var referencedNotes: [(label: String, location: SourceLocation)] = []
        var opening = ""

        init(source: SourceDocument) {
            self.source = source
            self.lines = source.body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        }

        /// Maps a cmark position (1-based line in the body, 1-based byte column) to the file,
        /// counting columns in characters as editors do.
        func location(line: Int, column: Int) -> SourceLocation {
            var characterColumn = max(column, 1)
            if line >= 1, line <= lines.count {
                let bytes = lines[line - 1].utf8
                let prefixLength = min(max(column - 1, 0), bytes.count)
                let prefix = bytes.prefix(prefixLength)
                characterColumn = String(decoding: prefix, as: UTF8.self).count + 1
            }
            return SourceLocation(path: source.path, line: line + source.bodyStartLine - 1, column: characterColumn)
        }

        func location(of node: MarkdownNode, offset: Int = 0) -> SourceLocation {
            location(line: node.line, column: node.column + offset)
        }
    }

    // MARK: Tables

    /// A paragraph whose lines are a pipe table (header, delimiter row, rows) becomes a table.
    private func tables(in node: MarkdownNode, _ context: inout Context) -> MarkdownNode {
        var node = node
        if node.kind == .paragraph, let table = PipeTable.parse(node: node, lines: context.lines) {
            for problem in table.problems {
                context.diagnostics.append(.warning(problem.message, at: context.location(line: problem.line, column: 1)))
            }
            return table.node
        }
        if !node.children.isEmpty, node.kind != .paragraph, !node.isHeading {
            node.children = node.children.map { tables(in: $0, &context) }
        }
        return node
    }

    // MARK: Notes

    static let definitionPattern = try! NSRegularExpression(pattern: #"^\[\^([^\]\s]+)\]:[ \t]*"#)
    static let referencePattern = try! NSRegularExpression(pattern: #"\[\^([^\]\s]+)\]"#)

    /// Top-level paragraphs starting `[^label]:` are note definitions; they are gathered into
    /// one numbered list, placed where the first definition was written.
    private func notes(in blocks: [MarkdownNode], _ context: inout Context) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var definitions: [MarkdownNode] = []
        var listIndex: Int?
        for block in blocks {
            guard block.kind == .paragraph, let first = block.children.first, first.kind == .text,
                  let match = Self.definitionPattern.firstMatch(in: first.literal, range: NSRange(first.literal.startIndex..., in: first.literal)),
                  let labelRange = Range(match.range(at: 1), in: first.literal),
                  let whole = Range(match.range, in: first.literal) else {
                result.append(block)
                continue
            }
            let label = String(first.literal[labelRange])
            let location = context.location(of: block)
            if let previous = context.definedNotes[label] {
                context.diagnostics.append(.error("note [^\(label)] is defined twice (first at line \(previous.line))", at: location))
                continue
            }
            context.definedNotes[label] = location
            var paragraph = block
            paragraph.children[0].literal = String(first.literal[whole.upperBound...])
            if paragraph.children[0].literal.isEmpty { paragraph.children.removeFirst() }
            definitions.append(MarkdownNode(.noteDefinition(label: label), children: [paragraph], line: block.line, column: block.column, endLine: block.endLine))
            if listIndex == nil {
                listIndex = result.count
                result.append(MarkdownNode(.noteList))
            }
        }
        if let listIndex { result[listIndex].children = definitions }
        return result
    }

    /// `[^1]: https://example.org` is also a valid CommonMark link reference definition, which
    /// cmark would swallow. Escaping the bracket of every line that starts a note definition
    /// (outside fenced code) keeps it a paragraph for ``notes(in:_:)``; line numbers are kept.
    static func protectingNoteDefinitions(_ body: String) -> String {
        guard body.contains("[^") else { return body }
        var fence: Substring?
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                return line
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                return line
            }
            guard line.count - trimmed.count <= 3, trimmed.hasPrefix("[^"), definitionStart.firstMatch(in: String(trimmed), range: NSRange(trimmed.startIndex..., in: trimmed)) != nil else { return line }
            return line.prefix(line.count - trimmed.count) + "\\" + trimmed
        }
        return lines.joined(separator: "\n")
    }

    static let definitionStart = try! NSRegularExpression(pattern: #"^\[\^[^\]\s]+\]:"#)

    /// `[^label]` in text becomes a note reference (not inside code, which keeps its text).
    private func noteReferences(in node: MarkdownNode, _ context: inout Context) -> MarkdownNode {
        var node = node
        switch node.kind {
        case .code, .codeBlock, .htmlBlock, .htmlInline:
            return node
        default:
            break
        }
        guard !node.children.isEmpty else { return node }
        var children: [MarkdownNode] = []
        for child in node.children {
            guard child.kind == .text, child.literal.contains("[^") else {
                children.append(noteReferences(in: child, &context))
                continue
            }
            let text = child.literal
            var cursor = text.startIndex
            for match in Self.referencePattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text), let labelRange = Range(match.range(at: 1), in: text) else { continue }
                if cursor < range.lowerBound {
                    children.append(MarkdownNode(.text, literal: String(text[cursor..<range.lowerBound]), line: child.line, column: child.column))
                }
                let label = String(text[labelRange])
                let byteOffset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                context.referencedNotes.append((label, context.location(line: child.line, column: child.column + byteOffset)))
                children.append(MarkdownNode(.noteReference(label: label), line: child.line, column: child.column + byteOffset))
                cursor = range.upperBound
            }
            if cursor < text.endIndex {
                children.append(MarkdownNode(.text, literal: String(text[cursor...]), line: child.line, column: child.column))
            }
        }
        node.children = children
        return node
    }

    private func checkNoteReferences(_ context: inout Context) {
        var used = Set<String>()
        for (label, location) in context.referencedNotes {
            used.insert(label)
            if context.definedNotes[label] == nil {
                context.diagnostics.append(.error("note [^\(label)] is referenced but never defined", at: location,
                                                  hint: "add a paragraph '[^\(label)]: note text' at the end of the document"))
            }
        }
        for (label, location) in context.definedNotes where !used.contains(label) {
            context.diagnostics.append(.warning("note [^\(label)] is defined but never referenced", at: location))
        }
    }

    // MARK: Anchors and sections

    /// Gives every heading, in document order, a unique anchor made from its text.
    private func anchors(in nodes: [MarkdownNode], _ context: inout Context) -> [MarkdownNode] {
        nodes.map { node in
            var node = node
            if node.isHeading {
                node.literal = context.slugger.slug(for: node.plainText)
            } else if !node.children.isEmpty, !isInline(node) {
                node.children = anchors(in: node.children, &context)
            }
            return node
        }
    }

    private func isInline(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .paragraph, .tableCell, .tableRow, .table: return true
        default: return false
        }
    }

    static let themeCommentPattern = try! NSRegularExpression(pattern: #"^\s*<!--\s*themes\s*:(.*?)-->\s*$"#, options: [.dotMatchesLineSeparators])

    /// Reads each top-level heading's theme comment and works out inheritance: a section
    /// without a comment takes the themes of the nearest enclosing section.
    private func sections(of blocks: inout [MarkdownNode], _ context: inout Context) -> [Section] {
        var sections: [Section] = []
        var stack: [Int] = [] // indices into `sections` of the enclosing headings
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            if block.kind == .htmlBlock, let entries = themeComment(block, &context) {
                let location = context.location(of: block)
                if index > 0, blocks[index - 1].isHeading, let current = sections.indices.last {
                    sections[current].themes = entries.map(\.id)
                    sections[current].themesDeclared = true
                    for entry in entries { context.references.append(Reference(kind: .themeComment, target: "theme:" + entry.id, location: entry.location)) }
                } else {
                    context.diagnostics.append(.warning("theme comment does not directly follow a heading; it is ignored", at: location,
                                                        hint: "put <!-- themes: ... --> on the line after a heading"))
                }
                index += 1
                continue
            }
            guard let level = block.headingLevel else { index += 1; continue }
            while let last = stack.last, sections[last].level >= level { stack.removeLast() }
            let parent = stack.last.map { sections[$0] }
            sections.append(Section(anchor: block.literal, title: block.plainText, level: level, themes: parent?.themes ?? [],
                                    themesDeclared: false, parentAnchor: parent?.anchor, excerpt: "", text: "",
                                    location: context.location(of: block)))
            stack.append(sections.count - 1)
            index += 1
        }
        // A section's declared themes pass to subsections that declare none; resolve in order.
        var byAnchor: [String: Int] = [:]
        for i in sections.indices {
            byAnchor[sections[i].anchor] = i
            if !sections[i].themesDeclared, let parent = sections[i].parentAnchor, let p = byAnchor[parent] {
                sections[i].themes = sections[p].themes
            }
        }
        context.opening = fillText(of: &sections, from: blocks)
        return sections
    }

    private func themeComment(_ block: MarkdownNode, _ context: inout Context) -> [(id: String, location: SourceLocation)]? {
        let literal = block.literal
        guard let match = Self.themeCommentPattern.firstMatch(in: literal, range: NSRange(literal.startIndex..., in: literal)),
              let listRange = Range(match.range(at: 1), in: literal) else { return nil }
        var entries: [(String, SourceLocation)] = []
        var offset = literal.utf8.distance(from: literal.startIndex, to: listRange.lowerBound)
        for part in literal[listRange].split(separator: ",", omittingEmptySubsequences: false) {
            let id = part.trimmingCharacters(in: .whitespacesAndNewlines)
            let leading = part.utf8.count - part.drop(while: \.isWhitespace).utf8.count
            if !id.isEmpty {
                let lineOffset = literal.utf8.prefix(offset + leading).filter { $0 == UInt8(ascii: "\n") }.count
                entries.append((id, context.location(line: block.line + lineOffset, column: block.column + offset + leading)))
            }
            offset += part.utf8.count + 1
        }
        return entries
    }

    /// Each section's own text (up to its first subsection) and a short excerpt of it.
    /// - Returns: the text before the first heading (the document's opening).
    private func fillText(of sections: inout [Section], from blocks: [MarkdownNode]) -> String {
        var current = -1
        var opening: [String] = []
        var texts = Array(repeating: [String](), count: sections.count)
        for block in blocks {
            if block.isHeading { current += 1; continue }
            let text = block.readableText.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if current < 0 { opening.append(text) } else if current < sections.count { texts[current].append(text) }
        }
        for i in sections.indices {
            let text = Self.oneLine(texts[i])
            sections[i].text = text
            sections[i].excerpt = Self.excerpt(text)
        }
        return Self.oneLine(opening)
    }

    /// The parts joined by single spaces, every run of whitespace collapsed to one space.
    /// Works on Unicode scalars: this runs over every word of every document.
    static func oneLine(_ parts: [String]) -> String {
        var result = ""
        var pendingSpace = false
        for part in parts {
            for scalar in part.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !result.isEmpty
                    continue
                }
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
            pendingSpace = !result.isEmpty
        }
        return result
    }

    /// The first `limit` words of one-line text (see ``oneLine(_:)``), cut at a word boundary.
    static func excerpt(_ text: String, words limit: Int = 30) -> String {
        var spaces = 0
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: " ") {
            spaces += 1
            if spaces == limit { return String(text[..<index]) + " …" }
        }
        return text
    }

    // MARK: References

    private func collectLinks(in nodes: [MarkdownNode], _ context: inout Context) {
        for node in nodes {
            if case .link(let destination, _) = node.kind,
               HTMLRenderer.referenceSchemes.contains(where: { destination.hasPrefix($0) }) {
                context.references.append(Reference(kind: .link, target: destination, location: context.location(of: node)))
            }
            if !node.children.isEmpty { collectLinks(in: node.children, &context) }
        }
    }
}
