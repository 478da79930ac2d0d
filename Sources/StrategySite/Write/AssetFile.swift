import Foundation

/// One file of `Templates/assets/` as the site publishes it, found the same way by `build` and
/// `serve` so that both publish the same files.
///
/// Links are followed only while they stay inside `Templates/`: the file they lead to is
/// published as a plain file (never as a link, which a web server could follow to `/etc`).
/// A link leading out, a broken link, and anything that is not a file or folder (a named pipe,
/// a device) is left out with a located warning. Dotfiles are left out without one.
public struct AssetFile: Sendable, Hashable {
    /// Where it goes in the site: `assets/site.css`.
    public var path: String
    /// The real path of the file whose bytes are published.
    public var source: String

    /// Every asset under `templatesDirectory/assets`, sorted by path.
    public static func catalog(templatesDirectory: String, _ diagnostics: inout [Diagnostic]) -> [AssetFile] {
        let folder = (templatesDirectory as NSString).appendingPathComponent("assets")
        guard FileSystemEntry.following(folder) == .directory,
              let templatesRoot = FileSystemEntry.realPath(templatesDirectory),
              let assetsRoot = FileSystemEntry.realPath(folder) else { return [] }
        var files: [AssetFile] = []
        var visited: Set<String> = [assetsRoot]
        walk(folder, realFolder: assetsRoot, sitePath: "assets", templatesRoot: templatesRoot, visited: &visited, into: &files, &diagnostics)
        return files.sorted { $0.path < $1.path }
    }

    private static func walk(_ folder: String, realFolder: String, sitePath: String, templatesRoot: String, visited: inout Set<String>,
                             into files: inout [AssetFile], _ diagnostics: inout [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: realFolder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let shown = folder + "/" + name
            let location = SourceLocation(path: shown)
            let entry = realFolder + "/" + name
            var kind = FileSystemEntry.at(entry)
            var real = entry
            if kind == .symlink {
                guard let target = FileSystemEntry.realPath(entry) else {
                    diagnostics.append(.warning("broken link: \(name) leads to nothing; not published", at: location))
                    continue
                }
                guard FileSystemEntry.isInside(target, templatesRoot) else {
                    diagnostics.append(.warning("\(name) is a link to \(target), outside the templates folder; not published",
                                                at: location, hint: "copy the file itself into \(folder)/ if the site needs it"))
                    continue
                }
                real = target
                kind = FileSystemEntry.following(entry)
            }
            switch kind {
            case .regular:
                files.append(AssetFile(path: sitePath + "/" + name, source: real))
            case .directory:
                guard visited.insert(real).inserted else {
                    diagnostics.append(.warning("\(name) leads back to a folder already published (a loop of links); not published again", at: location))
                    continue
                }
                walk(shown, realFolder: real, sitePath: sitePath + "/" + name, templatesRoot: templatesRoot, visited: &visited, into: &files, &diagnostics)
            default:
                diagnostics.append(.warning("\(name) is \(kind.description), not a file; not published", at: location))
            }
        }
    }
}
