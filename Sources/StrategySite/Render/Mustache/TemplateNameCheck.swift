/// Finds the names a template writes that the model it is rendered with does not have, for
/// `check`: a misspelt `{{titel}}` renders nothing, which no one notices on a page.
///
/// It walks a page template as rendering would, through its parent and partials, with a
/// stack of the model's field shapes (``TemplateModel/fields``) where rendering has a stack
/// of values: a section over an object or a list of objects opens that object's fields.
struct TemplateNameCheck {
    struct Finding: Equatable {
        var template: String
        var offset: Int
        var name: String
        /// The nearest name in scope there, if one is near.
        var suggestion: String?
    }

    private enum Scope {
        case fields([String: TemplateShape])
        /// A value with no fields (a text, a number or a flag section, an item of a list of texts).
        case opaque
        /// Not checked (what a transitional dictionary holds).
        case any
    }

    let templates: MustacheTemplates
    private var findings: [Finding] = []
    private var seen: Set<[Int]> = []
    private var scopes: [Scope] = []
    private var overrides: [(blocks: [String: [TemplateNode]], template: Int)] = []
    private var path: [Int] = []

    init(templates: MustacheTemplates) { self.templates = templates }

    /// The unknown names in template `name` rendered with a stack of models of `shapes`
    /// (the innermost last), in the order met.
    static func unknownNames(in name: String, models shapes: [TemplateShape.Fields], templates: MustacheTemplates) -> [Finding] {
        guard let index = templates.index(of: name) else { return [] }
        var check = TemplateNameCheck(templates: templates)
        check.scopes = shapes.map { .fields($0.names) }
        check.path = [index]
        check.walk(templates.templates[index].nodes, in: index)
        return check.findings
    }

    private mutating func walk(_ nodes: [TemplateNode], in template: Int) {
        for node in nodes {
            switch node {
            case .text: continue
            case .value(let name, _):
                _ = resolve(name, in: template)
            case .section(let name, let children):
                let shape = resolve(name, in: template)
                switch shape {
                case .object(let fields): scopes.append(.fields(fields.names))
                case .list(let fields): scopes.append(fields.map { .fields($0.names) } ?? .opaque)
                case .value: scopes.append(.opaque)
                case .any: scopes.append(.any)
                }
                walk(children, in: template)
                scopes.removeLast()
            case .inverted(let name, let children):
                _ = resolve(name, in: template)
                walk(children, in: template)
            case .partial(let index, let blocks, _):
                // A partial that includes itself is walked once.
                guard let index, path.filter({ $0 == index }).count < 2 else { continue }
                if !blocks.isEmpty { overrides.append((blocks, template)) }
                path.append(index)
                walk(templates.templates[index].nodes, in: index)
                path.removeLast()
                if !blocks.isEmpty { overrides.removeLast() }
            case .block(let name, let defaultNodes, _):
                if let override = overrides.first(where: { $0.blocks[name] != nil }), let nodes = override.blocks[name] {
                    walk(nodes, in: override.template)
                } else {
                    walk(defaultNodes, in: template)
                }
            }
        }
    }

    private mutating func resolve(_ name: TemplateName, in template: Int) -> TemplateShape {
        guard let first = name.components.first else { return .any }
        var shape: TemplateShape?
        for scope in scopes.reversed() {
            switch scope {
            case .any: shape = .any
            case .fields(let fields): shape = fields[first]
            case .opaque: continue
            }
            if shape != nil { break }
        }
        guard var found = shape else {
            // Innermost first: of two names as near, the one of the nearer model is meant.
            report(name, in: template, candidates: scopes.reversed().flatMap { scope -> [String] in
                if case .fields(let fields) = scope { return fields.keys.sorted() }
                return []
            }, text: first)
            return .any
        }
        for component in name.components.dropFirst() {
            switch found {
            case .any: return .any
            case .object(let fields):
                let names = fields.names
                guard let next = names[component] else {
                    report(name, in: template, candidates: names.keys.sorted(), text: component)
                    return .any
                }
                found = next
            case .list, .value:
                report(name, in: template, candidates: [], text: component)
                return .any
            }
        }
        return found
    }

    private mutating func report(_ name: TemplateName, in template: Int, candidates: [String], text: String) {
        guard seen.insert([template, name.offset]).inserted else { return }
        findings.append(Finding(template: templates.templates[template].name, offset: name.offset, name: name.text,
                                suggestion: text.closest(in: candidates)))
    }
}
