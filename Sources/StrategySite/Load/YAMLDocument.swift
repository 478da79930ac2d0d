import Foundation
import Yams

/// A parsed YAML text that knows where it came from, so every value can report its location.
///
/// Yams gives each node a mark relative to the YAML text; front matter starts on the second
/// line of its file, so `lineOffset` maps marks back to the file the editor has open.
struct YAMLDocument {
    let path: String
    let lineOffset: Int
    let root: Node?

    /// Parses `text`; a syntax error, or an alias used as a key (``YAMLAliasKeys``), becomes one
    /// diagnostic at its line and column.
    static func parse(_ text: String, path: String, lineOffset: Int = 0, diagnostics: inout [Diagnostic]) -> YAMLDocument? {
        if let key = YAMLAliasKeys.first(in: text) {
            diagnostics.append(.error("an alias (*\(key.alias)) cannot be a mapping key", at: SourceLocation(path: path, line: key.line + lineOffset, column: key.column),
                                      hint: "write the key itself; aliases may stand only as values"))
            return nil
        }
        do {
            let root = try Yams.compose(yaml: text)
            return YAMLDocument(path: path, lineOffset: lineOffset, root: root)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            // Yams marks the first of the two keys and carries the whole text: point at the
            // second one, which is the one to remove or rename, and quote only the key.
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = secondKey(key, after: first, in: text)
            let location = SourceLocation(path: path, line: (second?.line ?? first.line) + lineOffset, column: second?.column ?? first.column)
            diagnostics.append(.error("duplicate key '\(key)': it is already set at line \(first.line + lineOffset)", at: location,
                                      hint: "keep one '\(key):' line and remove the other"))
        } catch let error as YamlError {
            let (message, mark) = describe(error, lineOffset: lineOffset)
            let location = SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
            diagnostics.append(.error("invalid YAML: \(message)", at: location))
        } catch {
            diagnostics.append(.error("invalid YAML: \(error)", at: SourceLocation(path: path, line: 1 + lineOffset)))
        }
        return nil
    }

    /// Where `key` is written again in the same block mapping as the key at `first` (1-based
    /// line and column), or nil if it cannot be told (a flow mapping `{ a: 1, a: 2 }`).
    static func secondKey(_ key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(leading)
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if leading < indent { return nil }
            guard leading == indent else { continue }
            for written in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(written) {
                if rest.dropFirst(written.count).drop(while: { $0 == " " }).hasPrefix(":") { return (index + 1, leading + 1) }
            }
        }
        return nil
    }

    private static func describe(_ error: YamlError, lineOffset: Int) -> (String, Mark?) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) (which began at line \($0.mark.line + lineOffset), column \($0.mark.column)) " } ?? ""
            return (prefix + problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return ("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) \(context.text)", context.mark)
        case let .reader(problem, _, _, _):
            return (problem, nil)
        default:
            return ("\(error)", nil)
        }
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: path, line: 1 + lineOffset) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    /// The root as a mapping, or an error saying what was expected.
    func rootFields(expecting what: String, diagnostics: inout [Diagnostic]) -> YAMLFields? {
        guard let root else {
            diagnostics.append(.error("\(what) is empty", at: location(of: nil)))
            return nil
        }
        return fields(of: root, expecting: what, diagnostics: &diagnostics)
    }

    /// The root as a sequence of mappings (themes.yml, indicators.yml); an empty file is an empty list.
    func rootList(expecting what: String, diagnostics: inout [Diagnostic]) -> [YAMLFields] {
        guard let root else { return [] }
        guard let sequence = root.sequence else {
            diagnostics.append(.error("expected a list of \(what)", at: location(of: root)))
            return []
        }
        return sequence.compactMap { fields(of: $0, expecting: what, diagnostics: &diagnostics) }
    }

    func fields(of node: Node, expecting what: String, diagnostics: inout [Diagnostic]) -> YAMLFields? {
        guard let mapping = node.mapping else {
            diagnostics.append(.error("expected \(what) as key: value pairs", at: location(of: node)))
            return nil
        }
        return YAMLFields(document: self, node: node, pairs: mapping.map { ($0.key.string ?? "", $0.key, $0.value) })
    }
}

/// The fields of one YAML mapping, read with type checks and located errors.
struct YAMLFields {
    let document: YAMLDocument
    let node: Node
    let pairs: [(key: String, keyNode: Node, value: Node)]

    var location: SourceLocation { document.location(of: node) }

    func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    func location(of key: String) -> SourceLocation {
        document.location(of: pairs.first { $0.key == key }?.value ?? node)
    }

    /// A scalar field. Numbers and dates are read as written (`"2010"` and `2010` are the same).
    func string(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let node = value(key), !isNull(node) else {
            if required { diagnostics.append(.error("missing required field '\(key)'", at: location)) }
            return nil
        }
        guard let scalar = node.scalar else {
            diagnostics.append(.error("'\(key)' must be a single value, not a list or mapping", at: document.location(of: node)))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty {
            diagnostics.append(.error("'\(key)' must not be empty", at: document.location(of: node)))
            return nil
        }
        return text
    }

    /// A date field: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    func date(_ key: String, required: Bool = false, _ diagnostics: inout [Diagnostic]) -> PublicationDate? {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        guard let date = PublicationDate(text) else {
            if text.hasPrefix("0000") {
                diagnostics.append(.error("'\(key)' is in the year 0000, which does not exist: write the year it happened, e.g. 2010-12-08",
                                          at: location(of: key)))
                return nil
            }
            diagnostics.append(.error("'\(key)' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got '\(text)'", at: location(of: key)))
            return nil
        }
        return date
    }

    /// A list of scalars; each comes with its own location for later checks (unknown ids).
    func list(_ key: String, _ diagnostics: inout [Diagnostic]) -> [(value: String, location: SourceLocation)] {
        guard let node = value(key), !isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            diagnostics.append(.error("'\(key)' must be a list, e.g. [a, b]", at: document.location(of: node)))
            return []
        }
        var values: [(String, SourceLocation)] = []
        for item in sequence {
            if let scalar = item.scalar {
                values.append((scalar.string.trimmingCharacters(in: .whitespaces), document.location(of: item)))
            } else {
                diagnostics.append(.error("each entry of '\(key)' must be a single value", at: document.location(of: item)))
            }
        }
        return values
    }

    /// A nested mapping of scalar values, in the order written.
    func stringMap(_ key: String, _ diagnostics: inout [Diagnostic]) -> [(key: String, value: String, location: SourceLocation)] {
        guard let node = value(key), !isNull(node) else { return [] }
        guard let mapping = node.mapping else {
            diagnostics.append(.error("'\(key)' must be key: value pairs", at: document.location(of: node)))
            return []
        }
        var result: [(String, String, SourceLocation)] = []
        for (k, v) in mapping {
            guard let name = k.string, let text = v.scalar?.string else {
                diagnostics.append(.error("each entry of '\(key)' must be a single value", at: document.location(of: v)))
                continue
            }
            result.append((name, text, document.location(of: k)))
        }
        return result
    }

    /// Nested mappings under `key` (a list of them, or a mapping of named ones).
    func children(_ key: String, expecting what: String, _ diagnostics: inout [Diagnostic]) -> [YAMLFields] {
        guard let node = value(key), !isNull(node) else { return [] }
        guard let sequence = node.sequence else {
            diagnostics.append(.error("'\(key)' must be a list of \(what)", at: document.location(of: node)))
            return []
        }
        return sequence.compactMap { document.fields(of: $0, expecting: what, diagnostics: &diagnostics) }
    }

    /// Unknown keys are errors: they are nearly always a misspelt field that would otherwise
    /// be ignored without a word.
    func rejectUnknownKeys(allowed: [String], in what: String, _ diagnostics: inout [Diagnostic]) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = allowed.min { a, b in a.editDistance(to: pair.key) < b.editDistance(to: pair.key) }
            let hint = suggestion.map { "did you mean '\($0)'? \(what) fields: \(allowed.joined(separator: ", "))" }
            diagnostics.append(.error("unknown field '\(pair.key)' in \(what)", at: document.location(of: pair.keyNode), hint: hint))
        }
    }

    private func isNull(_ node: Node) -> Bool {
        if let scalar = node.scalar { return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) }
        return false
    }
}
