import Foundation
import Mustache

/// The Mustache templates of `Templates/`, parsed once per build.
///
/// swift-mustache renders a missing partial as empty text and never throws while rendering,
/// so this type checks, when loading, that every page template exists and that every partial
/// a template names (`{{> name}}` or `{{< name}}`) is there, and reports parse errors at
/// their file, line and column.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Template names (relative path without `.mustache`) mapped to the partials they use.
    public let partialsUsed: [String: Set<String>]

    /// The page templates the site renders; each must exist.
    public static let pageTemplates = ["home", "document", "theme", "themes", "indicators", "strategy", "search", "accessibility", "not-found"]

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
        _ = TemplateEscaping.register
        var library = MustacheLibrary()
        var partials: [String: Set<String>] = [:]
        var locations: [String: String] = [:]
        var unreadable: Set<String> = []
        let before = diagnostics.count
        let files = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" }.sorted { $0.path < $1.path }
        for file in files {
            let relative = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let name = String(relative.dropLast(".mustache".count))
            let displayPath = (directory.hasSuffix("/") ? directory : directory + "/") + relative
            do {
                let text = try TextFile.read(file, displayPath: displayPath)
                library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
                partials[name] = Self.partialNames(in: text)
                locations[name] = displayPath
            } catch let error as Diagnostic {
                unreadable.insert(name)
                diagnostics.append(error)
            } catch let error as MustacheTemplate.ParserError {
                unreadable.insert(name)
                diagnostics.append(.error("template syntax: \(Self.describe(error.error))",
                                          at: SourceLocation(path: displayPath, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber + 1)))
            } catch {
                unreadable.insert(name)
                diagnostics.append(.error("template could not be read: \(error)", at: SourceLocation(path: displayPath)))
            }
        }
        for page in pageTemplates where partials[page] == nil && diagnostics.count == before {
            diagnostics.append(.error("missing page template \(page).mustache", at: SourceLocation(path: directory)))
        }
        for (name, used) in partials.sorted(by: { $0.key < $1.key }) {
            for partial in used.sorted() where partials[partial] == nil && !unreadable.contains(partial) {
                let path = locations[name] ?? directory
                let text = (try? TextFile.read(URL(fileURLWithPath: path), displayPath: path)) ?? ""
                let position = Self.position(of: partial, in: text)
                diagnostics.append(.error("template uses partial '\(partial)', which does not exist",
                                          at: SourceLocation(path: path, line: position.line, column: position.column),
                                          hint: partial.closest(in: partials.keys).map { "did you mean '\($0)'?" } ?? "partials are named by their path under Templates/ without .mustache"))
            }
        }
        guard diagnostics.count == before || !diagnostics[before...].hasErrors else { return nil }
        return TemplateSet(library: library, partialsUsed: partials)
    }

    /// Renders page template `name`. Names are checked when loading, so a miss is a bug.
    public func render(_ name: String, _ context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
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

    static let partialPattern = try! NSRegularExpression(pattern: #"\{\{\s*[><]\s*([^\s}]+)\s*\}\}"#)

    static func partialNames(in text: String) -> Set<String> {
        Set(partialPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    static func position(of partial: String, in text: String) -> (line: Int, column: Int) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: partial), line[..<range.lowerBound].contains("{{") {
                return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return (1, 1)
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing tag does not match the open section"
        case .unfinishedName?: return "unfinished tag (missing '}}'?)"
        case .expectedSectionEnd?: return "a section is not closed (missing {{/name}})"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }
}
