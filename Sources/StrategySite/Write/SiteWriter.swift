import Foundation

/// The write stage: puts a finished site into the output directory, all or nothing.
///
/// Pages are written into a staging directory beside the output and swapped in only when
/// everything was written, so a failed build leaves the previous site exactly as it was and
/// pages of removed documents disappear. Dotfiles already in the output (`.git`, `.gitkeep`)
/// are carried over. The writer refuses directories it must not replace.
public struct SiteWriter: Sendable {
    public var outputDirectory: String
    public var assetsDirectory: String?
    /// Directories the output must never be, or contain: content, templates, the project.
    public var protectedDirectories: [String]
    /// Replace a non-empty directory that strategy-site did not create.
    public var force: Bool

    /// Marks a directory as made by strategy-site, so later builds may replace it.
    public static let markerName = ".strategy-site-output"

    public init(outputDirectory: String, assetsDirectory: String?, protectedDirectories: [String], force: Bool = false) {
        self.outputDirectory = outputDirectory
        self.assetsDirectory = assetsDirectory
        self.protectedDirectories = protectedDirectories
        self.force = force
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Why the output directory may not be written, or nil when it may.
    public func refusal() -> Diagnostic? {
        let output = Self.canonical(outputDirectory)
        let location = SourceLocation(path: outputDirectory)
        let home = Self.canonical(FileManager.default.homeDirectoryForCurrentUser.path)
        if output == "/" || output == home {
            return .error("refusing to write the site into \(output == "/" ? "the root directory" : "the home directory")", at: location)
        }
        for protected in protectedDirectories.map(Self.canonical) where protected == output || protected.hasPrefix(output + "/") {
            return .error("refusing to write the site into \(outputDirectory): it is or contains \(protected)", at: location,
                          hint: "choose an output directory of its own, e.g. --output Output")
        }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return .error("output path exists and is not a directory", at: location) }
        let entries = (try? fileManager.contentsOfDirectory(atPath: output)) ?? []
        let visible = entries.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty, !entries.contains(Self.markerName), !force {
            return .error("output directory is not empty and was not created by strategy-site", at: location,
                          hint: "its files would be replaced; choose another --output, or pass --force to replace them")
        }
        return nil
    }

    /// Writes `pages` and the assets, then swaps them in. Returns the number of files written.
    @discardableResult
    public func write(_ pages: [RenderedPage]) throws(Diagnostic) -> Int {
        if let refusal = refusal() { throw refusal }
        let fileManager = FileManager.default
        let output = URL(fileURLWithPath: Self.canonical(outputDirectory))
        let parent = output.deletingLastPathComponent()
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(token)")
        let previous = parent.appendingPathComponent(".\(output.lastPathComponent).previous-\(token)")
        let location = SourceLocation(path: outputDirectory)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            let directories = Set(pages.map { staging.appendingPathComponent($0.path).deletingLastPathComponent().path })
            for directory in directories.sorted() { try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let failures = pages.parallelMap { page -> String? in
                do {
                    try Data(page.contents.utf8).write(to: staging.appendingPathComponent(page.path))
                    return nil
                } catch {
                    return "\(page.path): \(error.localizedDescription)"
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw WriteError(message: failure) }
            var count = pages.count
            if let assetsDirectory, fileManager.fileExists(atPath: assetsDirectory) {
                try fileManager.copyItem(atPath: assetsDirectory, toPath: staging.appendingPathComponent("assets").path)
                count += (fileManager.enumerator(atPath: assetsDirectory)?.allObjects.count ?? 0)
            }
            try Data("Made by strategy-site. Its next build replaces this directory's files (dotfiles are kept).\n".utf8)
                .write(to: staging.appendingPathComponent(Self.markerName))

            if fileManager.fileExists(atPath: output.path) {
                for name in try fileManager.contentsOfDirectory(atPath: output.path) where name.hasPrefix(".") && name != Self.markerName {
                    try fileManager.moveItem(at: output.appendingPathComponent(name), to: staging.appendingPathComponent(name))
                }
                try fileManager.moveItem(at: output, to: previous)
                try fileManager.moveItem(at: staging, to: output)
                try? fileManager.removeItem(at: previous)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
            return count
        } catch {
            try? fileManager.removeItem(at: staging)
            throw .error("could not write the site: \((error as? WriteError)?.message ?? error.localizedDescription)", at: location)
        }
    }

    private struct WriteError: Error { var message: String }
}
