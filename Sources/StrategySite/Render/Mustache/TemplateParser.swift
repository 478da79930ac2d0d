/// Reads the Mustache the templates are written in, from UTF-8 bytes, into ``TemplateNode``s:
/// variables, sections, inverted sections, comments, partials, parents and blocks
/// (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`) and set-delimiter tags.
///
/// It works in two steps, as the Mustache spec describes the language: a scan into tags and
/// text (delimiters can change half-way), then one pass that drops "standalone" lines (a line
/// holding nothing but one section, comment, partial or block tag and blanks) and builds the
/// tree. A mistake is thrown with the byte offset of the tag at fault.
struct TemplateParser {
    struct Failure: Error, Equatable {
        var message: String
        var offset: Int
    }

    /// What parsing found besides the tree: every partial named, where, and whether it exists.
    struct Result {
        var nodes: [TemplateNode]
        var partials: [(name: String, offset: Int, found: Bool)]
    }

    private enum Token {
        case text(start: Int, end: Int)
        /// `sigil` is the tag's first byte (`#`, `^`, `/`, `!`, `>`, `<`, `$`, `=`, `&`, `{`) or 0
        /// for a plain variable.
        case tag(sigil: UInt8, name: String, start: Int, nameStart: Int = 0)
    }

    private let bytes: [UInt8]
    private let partialIndices: [String: Int]

    /// - Parameter partials: the index of the template each partial name stands for.
    static func parse(_ bytes: [UInt8], partials: [String: Int]) throws(Failure) -> Result {
        let parser = TemplateParser(bytes: bytes, partialIndices: partials)
        let tokens = try parser.scan()
        return try parser.build(tokens)
    }

    /// The 1-based line and column of a byte offset (columns count characters, not bytes).
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    // MARK: Scanning

    private func scan() throws(Failure) -> [Token] {
        var tokens: [Token] = []
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var position = 0
        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                tokens.append(.text(start: position, end: bytes.count))
                break
            }
            if tagStart > position { tokens.append(.text(start: position, end: tagStart)) }
            var cursor = tagStart + open.count
            guard cursor < bytes.count else { throw Failure(message: "unfinished tag (missing '\(String(decoding: close, as: UTF8.self))'?)", offset: tagStart) }
            var sigil = bytes[cursor]
            var closing = close
            switch sigil {
            case UInt8(ascii: "{") where open == Array("{{".utf8):
                closing = [UInt8(ascii: "}")] + close
                cursor += 1
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: ">"),
                 UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "%"):
                cursor += 1
            default:
                sigil = 0
            }
            if sigil == UInt8(ascii: "=") { closing = [UInt8(ascii: "=")] + close }
            guard let end = find(closing, from: cursor) else {
                throw Failure(message: "unfinished tag (missing '\(String(decoding: closing, as: UTF8.self))'?)", offset: tagStart)
            }
            let content = String(decoding: bytes[cursor..<end], as: UTF8.self).trimmingBlanks
            position = end + closing.count
            switch sigil {
            case UInt8(ascii: "!"), UInt8(ascii: "%"):
                // Comments, and pragmas, which this engine has none of: both render nothing.
                tokens.append(.tag(sigil: UInt8(ascii: "!"), name: "", start: tagStart))
            case UInt8(ascii: "="):
                let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                    throw Failure(message: "invalid set-delimiter tag (write it as {{=<% %>=}})", offset: tagStart)
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
                tokens.append(.tag(sigil: sigil, name: "", start: tagStart))
            default:
                guard !content.isEmpty, !content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
                    throw Failure(message: content.isEmpty ? "a tag with no name" : "a tag name with blanks in it ('\(content)')", offset: tagStart)
                }
                var nameStart = cursor
                while nameStart < end, bytes[nameStart] == UInt8(ascii: " ") || bytes[nameStart] == UInt8(ascii: "\t") { nameStart += 1 }
                tokens.append(.tag(sigil: sigil == UInt8(ascii: "{") ? UInt8(ascii: "&") : sigil, name: content, start: tagStart, nameStart: nameStart))
            }
        }
        return tokens
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    // MARK: Standalone lines and the tree

    private static func canStandAlone(_ sigil: UInt8) -> Bool {
        switch sigil {
        case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: ">"),
             UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="): true
        default: false
        }
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// For the tag at `index`: where its line ends (after the newline), if only blanks follow it.
    private func lineEnd(_ tokens: [Token], _ index: Int) -> Int? {
        guard index + 1 < tokens.count else { return bytes.count }
        guard case .text(let start, let end) = tokens[index + 1] else { return nil }
        var cursor = start
        while cursor < end, isBlank(bytes[cursor]) { cursor += 1 }
        if cursor == end { return index + 2 == tokens.count ? end : nil }
        if bytes[cursor] == UInt8(ascii: "\n") { return cursor + 1 }
        if bytes[cursor] == UInt8(ascii: "\r"), cursor + 1 < end, bytes[cursor + 1] == UInt8(ascii: "\n") { return cursor + 2 }
        return nil
    }

    private struct Open {
        var sigil: UInt8
        var name: String
        var start: Int
        var nameStart = 0
        var indentation: [UInt8]
        var nodes: [TemplateNode] = []
        var blocks: [String: [TemplateNode]] = [:]
        /// In a block given to a parent tag: the blanks its first line starts with, which are
        /// taken off every line (the block is indented where it is used, not where it is given).
        var definitionIndent: Int?
        var atLineStart = false
        var isDefinition = false
    }

    private func build(_ tokens: [Token]) throws(Failure) -> Result {
        // Which tags are standalone, read left to right. A tag starts its line if only blanks
        // stand between it and a newline, the start of the template, the start of a parent
        // tag's content, or a standalone tag; a closed section counts as its opening tag did.
        // (This is how swift-mustache reads them, which the templates were written for; it
        // agrees with the spec but on a few inheritance cases, see MustacheSpecTests.)
        var textStart: [Int: Int] = [:]
        var textEnd: [Int: Int] = [:]
        var indentation: [Int: [UInt8]] = [:]
        var standalone = [Bool](repeating: false, count: tokens.count)
        var opens: [Int] = []
        var lineStartAfter = [Bool](repeating: false, count: tokens.count)
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let start, let end):
                var cursor = end
                while cursor > start, isBlank(bytes[cursor - 1]) { cursor -= 1 }
                if cursor == start {
                    lineStartAfter[index] = index == 0 || lineStartAfter[index - 1]
                } else {
                    lineStartAfter[index] = bytes[cursor - 1] == UInt8(ascii: "\n")
                }
            case .tag(let sigil, _, let start, _):
                let atLineStart = index == 0 || lineStartAfter[index - 1]
                var blanks = (start: start, end: start)
                if index > 0, case .text(let textStart, let textEnd) = tokens[index - 1] {
                    var cursor = textEnd
                    while cursor > textStart, isBlank(bytes[cursor - 1]) { cursor -= 1 }
                    blanks = (cursor, textEnd)
                }
                let keepsBlanks = sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<") || sigil == UInt8(ascii: "$")
                let after = atLineStart && Self.canStandAlone(sigil) ? lineEnd(tokens, index) : nil
                standalone[index] = after != nil
                if atLineStart, keepsBlanks, sigil != UInt8(ascii: ">") || after != nil {
                    indentation[index] = Array(bytes[blanks.start..<blanks.end])
                }
                if let after {
                    if index > 0, !keepsBlanks { textEnd[index - 1] = blanks.start }
                    if index + 1 < tokens.count { textStart[index + 1] = after }
                }
                switch sigil {
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                    opens.append(index)
                    lineStartAfter[index] = standalone[index]
                case UInt8(ascii: "<"):
                    opens.append(index)
                    lineStartAfter[index] = true
                case UInt8(ascii: "/"):
                    let open = opens.popLast()
                    lineStartAfter[index] = open.map { standalone[$0] } ?? standalone[index]
                default:
                    lineStartAfter[index] = standalone[index]
                }
            }
        }

        var partials: [(name: String, offset: Int, found: Bool)] = []
        var stack: [Open] = [Open(sigil: 0, name: "", start: 0, indentation: [])]
        func append(_ node: TemplateNode) {
            // Inside a parent tag only blocks count; text there is ignored.
            guard stack[stack.count - 1].sigil != UInt8(ascii: "<") else { return }
            stack[stack.count - 1].nodes.append(node)
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let start, let end):
                let from = max(start, textStart[index] ?? start)
                let to = min(end, textEnd[index] ?? end)
                guard from < to else { continue }
                if stack[stack.count - 1].sigil == UInt8(ascii: "<") { continue }
                var lineStart = from
                while lineStart < to {
                    var lineEnd = lineStart
                    while lineEnd < to, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                    lineEnd = min(lineEnd + 1, to)
                    var first = lineStart
                    if stack[stack.count - 1].isDefinition, stack[stack.count - 1].atLineStart {
                        var blanks = 0
                        while first + blanks < lineEnd, isBlank(bytes[first + blanks]) { blanks += 1 }
                        let indent = stack[stack.count - 1].definitionIndent ?? blanks
                        stack[stack.count - 1].definitionIndent = indent
                        first += min(blanks, indent)
                    }
                    if stack[stack.count - 1].isDefinition { stack[stack.count - 1].atLineStart = bytes[lineEnd - 1] == UInt8(ascii: "\n") }
                    if first < lineEnd { append(.text(Array(bytes[first..<lineEnd]))) }
                    lineStart = lineEnd
                }
            case .tag(let sigil, let name, let start, let nameStart):
                let insideParent = stack[stack.count - 1].sigil == UInt8(ascii: "<")
                if stack[stack.count - 1].isDefinition {
                    if stack[stack.count - 1].atLineStart, stack[stack.count - 1].definitionIndent == nil { stack[stack.count - 1].definitionIndent = 0 }
                    stack[stack.count - 1].atLineStart = lineStartAfter[index]
                }
                switch sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="):
                    continue
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                    if insideParent && sigil != UInt8(ascii: "$") {
                        throw Failure(message: "only {{$block}} tags may stand inside {{<\(stack[stack.count - 1].name)}}", offset: start)
                    }
                    stack.append(Open(sigil: sigil, name: name, start: start, nameStart: nameStart, indentation: indentation[index] ?? [],
                                      atLineStart: standalone[index], isDefinition: insideParent))
                    if sigil == UInt8(ascii: "<") {
                        let found = partialIndices[name] != nil
                        partials.append((name, nameStart, found))
                    }
                case UInt8(ascii: "/"):
                    guard stack.count > 1, stack[stack.count - 1].name == name else {
                        let open = stack.count > 1 ? " {{\(Character(Unicode.Scalar(stack[stack.count - 1].sigil)))\(stack[stack.count - 1].name)}}" : ""
                        throw Failure(message: stack.count > 1 ? "a closing tag does not match the open section\(open)" : "a closing tag {{/\(name)}} with no open section", offset: start)
                    }
                    let closed = stack.removeLast()
                    let parentIsParent = stack[stack.count - 1].sigil == UInt8(ascii: "<")
                    switch closed.sigil {
                    case UInt8(ascii: "#"): append(.section(TemplateName(closed.name, offset: closed.nameStart), closed.nodes))
                    case UInt8(ascii: "^"): append(.inverted(TemplateName(closed.name, offset: closed.nameStart), closed.nodes))
                    case UInt8(ascii: "<"): append(.partial(partialIndices[closed.name], blocks: closed.blocks, indentation: closed.indentation))
                    default:
                        if parentIsParent {
                            stack[stack.count - 1].blocks[closed.name] = closed.nodes
                        } else {
                            append(.block(closed.name, closed.nodes, indentation: closed.indentation))
                        }
                    }
                case UInt8(ascii: ">"):
                    if insideParent { throw Failure(message: "only {{$block}} tags may stand inside {{<\(stack[stack.count - 1].name)}}", offset: start) }
                    let target = partialIndices[name]
                    partials.append((name, nameStart, target != nil))
                    append(.partial(target, blocks: [:], indentation: indentation[index] ?? []))
                default:
                    if insideParent { throw Failure(message: "only {{$block}} tags may stand inside {{<\(stack[stack.count - 1].name)}}", offset: start) }
                    append(.value(TemplateName(name, offset: nameStart), escaped: sigil != UInt8(ascii: "&")))
                }
            }
        }
        if stack.count > 1 {
            let open = stack[stack.count - 1]
            throw Failure(message: "a section is not closed (missing {{/\(open.name)}})", offset: open.start)
        }
        return Result(nodes: stack[0].nodes, partials: partials)
    }
}

private extension String {
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
