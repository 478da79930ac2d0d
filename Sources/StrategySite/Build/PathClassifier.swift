import Foundation

/// Says what a changed path is to the preview: a data file, a document, the documents folder,
/// a template, an asset, or nothing it builds from.
///
/// Paths arrive as the file system reports them, maybe through a link or with `..` in them,
/// so both the path and the roots are compared standardised and with links resolved.
struct PathClassifier: Sendable {
    enum Change: Equatable {
        case data, document(String), listing, template(String), asset(String), ignored, unknown
    }

    private let contentRoots: [String]
    private let templatesRoots: [String]

    init(contentDirectory: String, templatesDirectory: String) {
        contentRoots = Self.roots(contentDirectory)
        templatesRoots = Self.roots(templatesDirectory)
    }

    /// What kind of file `path` is, relative to the content or templates directory.
    func classify(_ path: String) -> Change {
        for candidate in Self.roots(path) {
            for root in contentRoots {
                guard let relative = Self.relative(candidate, to: root) else { continue }
                return Self.classifyContent(relative)
            }
            for root in templatesRoots {
                guard let relative = Self.relative(candidate, to: root) else { continue }
                return Self.classifyTemplate(relative)
            }
        }
        return .unknown
    }

    static func classifyContent(_ relative: String) -> Change {
        let parts = relative.split(separator: "/").map(String.init)
        guard let first = parts.first else { return .data }
        if parts.count == 1 {
            if ["site.yml", "themes.yml", "indicators.yml", PassageLedger.fileName].contains(first) { return .data }
            return first == "documents" ? .listing : .ignored
        }
        guard first == "documents" else { return .ignored }
        let name = parts[1]
        if name.hasPrefix(".") { return .ignored }
        if parts.count == 2, name.hasSuffix(".md"), Identifier.isValid(String(name.dropLast(3))) {
            return .document(String(name.dropLast(3)))
        }
        return .listing
    }

    static func classifyTemplate(_ relative: String) -> Change {
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return .unknown }
        if parts.contains(where: { $0.hasPrefix(".") }) { return .ignored }
        if parts[0] == "assets" {
            return parts.count == 1 ? .asset("") : .asset(parts.dropFirst().joined(separator: "/"))
        }
        if relative.hasSuffix(".mustache") { return .template(String(relative.dropLast(".mustache".count))) }
        return .ignored
    }

    /// `path` made absolute and standardised, and with symlinks resolved (of its folder too,
    /// for a file that no longer exists).
    static func roots(_ path: String) -> [String] {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let resolved = url.resolvingSymlinksInPath()
        let parentResolved = url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent)
        var result: [String] = []
        for candidate in [url.path, resolved.path, parentResolved.standardizedFileURL.path] where !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "" }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }
}
