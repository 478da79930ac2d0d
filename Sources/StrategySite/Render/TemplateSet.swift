import Foundation

/// The Mustache templates of `Templates/`, parsed once per build (``MustacheTemplates``).
///
/// Loading checks that every page template exists and that every partial a template names
/// (`{{> name}}` or `{{< name}}`) is there, and reports syntax errors at their file, line and
/// column. Every ``PageTemplate`` must be there, so rendering one never misses.
public struct TemplateSet: Sendable {
    public let library: MustacheTemplates
    /// Template names (relative path without `.mustache`) mapped to the partials they use.
    public let partialsUsed: [String: Set<String>]
    /// Each template's path as reported and its bytes, to place `check`'s warnings.
    let sources: [String: (path: String, bytes: [UInt8])]
    /// Each ``PageTemplate``'s index in `library`, resolved once at load.
    private let pageIndices: [PageTemplate: Int]

    public static func load(directory: String, _ diagnostics: inout [Diagnostic]) -> TemplateSet? {
        let root = URL(fileURLWithPath: directory)
        // A missing folder is named as such, not reported as a missing home.mustache.
        switch FileSystemEntry.following(directory) {
        case .directory: break
        case .missing:
            diagnostics.append(.error("templates folder not found", at: SourceLocation(path: directory),
                                      hint: "pass --templates DIR, or run from the folder that holds Templates/"))
            return nil
        case let kind:
            diagnostics.append(.error("the templates folder is \(kind.description), not a folder", at: SourceLocation(path: directory),
                                      hint: "pass --templates DIR with the folder of .mustache templates"))
            return nil
        }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            diagnostics.append(.error("templates directory not found", at: SourceLocation(path: directory)))
            return nil
        }
        var sources: [(name: String, path: String, bytes: [UInt8])] = []
        var unreadable: [String] = []
        let before = diagnostics.count
        let files = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" }.sorted { $0.path < $1.path }
        for file in files {
            let relative = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let name = String(relative.dropLast(".mustache".count))
            let displayPath = (directory.hasSuffix("/") ? directory : directory + "/") + relative
            do {
                sources.append((name, displayPath, Array(try TextFile.read(file, displayPath: displayPath).utf8)))
            } catch {
                unreadable.append(name)
                diagnostics.append(error)
            }
        }
        // Unreadable ones are named too: they are reported once, not again at each use.
        var library = MustacheTemplates(names: sources.map(\.name) + unreadable)
        var partials: [String: Set<String>] = [:]
        var missing: [Diagnostic] = []
        for source in sources {
            do {
                let parsed = try library.parse(source.bytes, as: source.name)
                partials[source.name] = Set(parsed.partials.map(\.name))
                for partial in parsed.partials where !partial.found {
                    let position = TemplateParser.position(of: partial.offset, in: source.bytes)
                    missing.append(.error("template uses partial '\(partial.name)', which does not exist",
                                          at: SourceLocation(path: source.path, line: position.line, column: position.column),
                                          hint: partial.name.closest(in: sources.map(\.name)).map { "did you mean '\($0)'?" } ?? "partials are named by their path under Templates/ without .mustache"))
                }
            } catch {
                let position = TemplateParser.position(of: error.offset, in: source.bytes)
                diagnostics.append(.error("template syntax: \(error.message)",
                                          at: SourceLocation(path: source.path, line: position.line, column: position.column)))
                partials[source.name] = []
            }
        }
        for page in PageTemplate.allCases where library.index(of: page.rawValue) == nil {
            diagnostics.append(.error("missing template \(page.rawValue).mustache", at: SourceLocation(path: directory),
                                      hint: "the site renders it; restore it from the project's Templates/"))
        }
        diagnostics += missing
        guard diagnostics.count == before || !diagnostics[before...].hasErrors else { return nil }
        let pageIndices = PageTemplate.allCases.reduce(into: [PageTemplate: Int]()) { $0[$1] = library.index(of: $1.rawValue) }
        return TemplateSet(library: library, partialsUsed: partials,
                           sources: Dictionary(sources.map { ($0.name, ($0.path, $0.bytes)) }, uniquingKeysWith: { a, _ in a }),
                           pageIndices: pageIndices)
    }

    /// Warnings for the names the site's templates write that their models do not have.
    public func unknownNames(_ models: [PageTemplate: [TemplateShape.Fields]]) -> [Diagnostic] {
        unknownNames(Dictionary(uniqueKeysWithValues: models.map { ($0.key.rawValue, $0.value) }))
    }

    /// Warnings for the names each template writes that the models it is rendered with do not
    /// have (`models`: template name to the shapes of its stack of models, innermost last).
    public func unknownNames(_ models: [String: [TemplateShape.Fields]]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var seen: Set<String> = []
        for (template, shapes) in models.sorted(by: { $0.key < $1.key }) {
            for finding in TemplateNameCheck.unknownNames(in: template, models: shapes, templates: library) {
                guard let source = sources[finding.template] else { continue }
                let position = TemplateParser.position(of: finding.offset, in: source.bytes)
                let key = "\(source.path):\(finding.offset)"
                guard seen.insert(key).inserted else { continue }
                let hint = finding.suggestion.map { "did you mean '\($0)'?" } ?? "it renders as nothing"
                warnings.append(.warning("template name '\(finding.name)' is not in the model of \(template == finding.template ? "this page" : "the page '\(template)'")",
                                         at: SourceLocation(path: source.path, line: position.line, column: position.column), hint: hint))
            }
        }
        return warnings
    }

    /// Renders `template` onto the end of `out` with a stack of contexts, the innermost last
    /// (the page's model, then its frame). Loading refused a set without every page template,
    /// and resolved each one to its index, so there is no lookup here that could miss.
    public func render(_ template: PageTemplate, _ stack: [TemplateValue], into out: inout [UInt8]) {
        guard let index = pageIndices[template] else { preconditionFailure("TemplateSet.load admits only sets with every page template") }
        library.render(at: index, stack, into: &out)
    }

    /// Templates that `name` uses directly or through other partials (for `serve`: which pages
    /// a changed template affects).
    public func dependencies(of name: String) -> Set<String> {
        var seen: Set<String> = []
        var queue = [name]
        while let next = queue.popLast() {
            for partial in partialsUsed[next] ?? [] where !seen.contains(partial) {
                seen.insert(partial)
                queue.append(partial)
            }
        }
        return seen
    }
}
