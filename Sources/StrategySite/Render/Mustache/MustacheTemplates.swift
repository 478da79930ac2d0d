/// Parsed templates by name, and the interpreter that renders them into UTF-8 bytes.
///
/// Rendering walks the nodes once, appending to one byte buffer: literal text is copied,
/// `{{name}}` goes through the project's escaper (``HTML``) straight into the buffer, and
/// sections push their value on a context stack of ``TemplateValue``s. Nothing returns a
/// string per section or item, and nothing is looked up but the names themselves.
public struct MustacheTemplates: Sendable {
    struct Template: Sendable {
        var name: String
        var nodes: [TemplateNode]
    }

    private(set) var templates: [Template] = []
    private(set) var indices: [String: Int] = [:]

    /// Reserves every name first, so templates can name each other in any order.
    init(names: [String]) {
        for name in names where indices[name] == nil {
            indices[name] = templates.count
            templates.append(Template(name: name, nodes: []))
        }
    }

    func index(of name: String) -> Int? { indices[name] }

    /// Parses `source` as the template `name` (which must be one of the names reserved).
    @discardableResult
    mutating func parse(_ source: [UInt8], as name: String) throws(TemplateParser.Failure) -> TemplateParser.Result {
        let result = try TemplateParser.parse(source, partials: indices)
        if let index = indices[name] { templates[index].nodes = result.nodes }
        return result
    }

    /// Templates from their texts, for tests: `["page": "{{>header}}…", "header": "…"]`.
    static func parsing(_ sources: [String: String]) throws(TemplateParser.Failure) -> MustacheTemplates {
        var set = MustacheTemplates(names: sources.keys.sorted())
        for (name, text) in sources { try set.parse(Array(text.utf8), as: name) }
        return set
    }

    /// A template that is not in the set: `render(_:_:into:)` by name throws it rather than
    /// writing an empty page.
    public struct UnknownTemplate: Error, Equatable, Sendable {
        public let name: String
    }

    /// Renders template `name` with `context` onto the end of `out`.
    func render(_ name: String, _ context: TemplateValue, into out: inout [UInt8]) throws(UnknownTemplate) {
        try render(name, [context], into: &out)
    }

    /// Renders template `name` with a stack of contexts (the innermost last, whose names win).
    func render(_ name: String, _ stack: [TemplateValue], into out: inout [UInt8]) throws(UnknownTemplate) {
        guard let index = indices[name] else { throw UnknownTemplate(name: name) }
        render(at: index, stack, into: &out)
    }

    /// Renders the template at `index`, an index this set gave out (``index(of:)``): the
    /// renderer's page templates are resolved once at load, so rendering one cannot miss.
    func render(at index: Int, _ stack: [TemplateValue], into out: inout [UInt8]) {
        var renderer = Renderer(templates: templates, out: out, stack: stack)
        out = []
        renderer.render(templates[index].nodes)
        out = renderer.out
    }

    func render(_ name: String, _ context: TemplateValue) throws(UnknownTemplate) -> [UInt8] {
        var out: [UInt8] = []
        try render(name, context, into: &out)
        return out
    }
}

private struct Renderer {
    let templates: [MustacheTemplates.Template]
    var out: [UInt8]
    var stack: [TemplateValue]
    /// The blocks of the parent tags being rendered, outermost first: the outermost override wins.
    var overrides: [[String: [TemplateNode]]] = []
    /// Inside an indented partial: its indentation, and where its output starts.
    var indentation: [UInt8] = []
    var indentFrom = 0
    var depth = 0

    /// Deeper than this, partials that include themselves stop (a template mistake, not a page).
    static let maximumDepth = 200

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                indentIfAtLineStart()
                out.append(contentsOf: bytes)
            case .value(let name, let escaped):
                guard let value = lookup(name) else { continue }
                indentIfAtLineStart()
                write(value, escaped: escaped)
            case .section(let name, let children):
                guard let value = lookup(name), value.isTruthy else { continue }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children)
                        stack.removeLast()
                    }
                case .flag:
                    render(children)
                default:
                    stack.append(value)
                    render(children)
                    stack.removeLast()
                }
            case .inverted(let name, let children):
                if !(lookup(name)?.isTruthy ?? false) { render(children) }
            case .partial(let index, let blocks, let indent):
                guard let index, depth < Self.maximumDepth else { continue }
                let saved = (indentation, indentFrom, overrides.count)
                if !indent.isEmpty {
                    indentation += indent
                    indentFrom = out.count
                }
                if !blocks.isEmpty { overrides.append(blocks) }
                depth += 1
                render(templates[index].nodes)
                depth -= 1
                overrides.removeLast(overrides.count - saved.2)
                (indentation, indentFrom) = (saved.0, saved.1)
            case .block(let name, let defaultNodes, let indent):
                let chosen = overrides.first(where: { $0[name] != nil })?[name] ?? defaultNodes
                guard !indent.isEmpty else {
                    render(chosen)
                    continue
                }
                let saved = (indentation, indentFrom)
                indentation += indent
                indentFrom = out.count
                render(chosen)
                (indentation, indentFrom) = saved
            }
        }
    }

    @inline(__always) private mutating func indentIfAtLineStart() {
        if !indentation.isEmpty, out.count > indentFrom, out[out.count - 1] == UInt8(ascii: "\n") {
            out.append(contentsOf: indentation)
        }
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { HTML.appendEscaped(text, to: &out) } else { out.append(contentsOf: text.utf8) }
        case .number(let number):
            out.append(contentsOf: String(number).utf8)
        case .flag(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .list, .object, .blank:
            break
        }
    }

    /// The first name is looked up from the innermost context out; the rest inside what it found.
    private func lookup(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.components.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case .object(let object) = frame, let value = object.field(first) {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for component in name.components.dropFirst() {
            guard case .object(let object) = value, let next = object.field(component) else { return nil }
            value = next
        }
        return value
    }
}
