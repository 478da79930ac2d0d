import Foundation

/// The write stage: puts a finished site into the output directory, all or nothing, one build
/// at a time, and never loses a file a user put there.
///
/// Pages are written into a staging directory beside the output and swapped in only when
/// everything was written, so a failed build leaves the previous site exactly as it was and
/// pages of removed documents disappear. Dotfiles already in the output (`.git`, `.gitkeep`)
/// are kept: they are hard-linked into the staging folder, never moved, so a crash at any
/// point leaves each of them in the output or in a folder the next build restores it from
/// (see ``OutputDebris``). An ``OutputLock`` beside the output makes a second build wait for the
/// first. The writer refuses directories it must not replace.
public struct SiteWriter: Sendable {
    public var outputDirectory: String
    /// The files of `Templates/assets`, as ``AssetFile/catalog(templatesDirectory:_:)`` found them.
    public var assets: [AssetFile]
    /// Directories the output must never be, contain, or lie inside: content, templates.
    public var protectedDirectories: [String]
    /// Directories the output must never be or contain, but may lie inside: the project folder.
    public var enclosingDirectories: [String]
    /// Replace a non-empty directory that strategy-site did not create.
    public var force: Bool

    /// Marks a directory as made by strategy-site, so later builds may replace it.
    public static let markerName = ".strategy-site-output"

    public init(outputDirectory: String, assets: [AssetFile], protectedDirectories: [String],
                enclosingDirectories: [String] = [], force: Bool = false) {
        self.outputDirectory = outputDirectory
        self.assets = assets
        self.protectedDirectories = protectedDirectories
        self.enclosingDirectories = enclosingDirectories
        self.force = force
    }

    /// The output's real path: every link in the part that exists resolved, so a link cannot
    /// smuggle the output into `Content/`.
    var realOutput: URL { URL(fileURLWithPath: FileSystemEntry.realPathOfPossiblyMissing(outputDirectory)) }

    /// The home folder as `$HOME` names it, and as the user database does.
    static var homeDirectories: [String] {
        var homes = [FileManager.default.homeDirectoryForCurrentUser.path]
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { homes.append(home) }
        return homes.map(FileSystemEntry.realPathOfPossiblyMissing)
    }

    /// Why `outputDirectory` can never be an output folder, whatever is in it, or nil: the root,
    /// the home folder, content or templates (or a folder inside or around them), a path
    /// through a file. `build` checks this as it reads its options.
    public func pathRefusal() -> String? {
        guard !outputDirectory.isEmpty else { return "the output folder must not be empty" }
        if FileSystemEntry.at(outputDirectory) == .symlink && FileSystemEntry.following(outputDirectory) == .missing {
            return "\(outputDirectory) is a link to a folder that does not exist; create the folder it names, or choose another --output"
        }
        let output = realOutput.path
        if output == "/" { return "refusing to write the site into the root folder" }
        if Self.homeDirectories.contains(output) { return "refusing to write the site into the home folder (\(output))" }
        for protected in protectedDirectories.map(FileSystemEntry.realPathOfPossiblyMissing) {
            if FileSystemEntry.isInside(protected, output) {
                return "refusing to write the site into \(outputDirectory): it is or contains \(protected), which the build reads"
            }
            if FileSystemEntry.isInside(output, protected) {
                return "refusing to write the site into \(outputDirectory): it lies inside \(protected), which the build reads"
            }
        }
        for enclosing in enclosingDirectories.map(FileSystemEntry.realPathOfPossiblyMissing) where FileSystemEntry.isInside(enclosing, output) {
            return "refusing to write the site into \(outputDirectory): it is or contains \(enclosing)"
        }
        // A path through a file (`afile/sub`): name the file in the way.
        var ancestor = output
        while ancestor != "/" {
            ancestor = (ancestor as NSString).deletingLastPathComponent
            let kind = FileSystemEntry.following(ancestor)
            if kind == .missing { continue }
            if kind != .directory { return "cannot write the site into \(outputDirectory): \(ancestor) is \(kind.description), not a folder" }
            break
        }
        let kind = FileSystemEntry.following(output)
        if kind != .missing && kind != .directory {
            return "cannot write the site into \(outputDirectory): it is \(kind.description), not a folder"
        }
        return nil
    }

    /// Why the output directory may not be written, or nil when it may.
    public func refusal() -> Diagnostic? {
        let location = SourceLocation(path: outputDirectory)
        if let reason = pathRefusal() {
            return .error(reason, at: location, hint: "choose an output folder of its own, e.g. --output Output")
        }
        let output = realOutput.path
        guard FileSystemEntry.following(output) == .directory else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        let visible = entries.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty, !entries.contains(Self.markerName), !force {
            return .error("output directory is not empty and was not created by strategy-site", at: location,
                          hint: "its files would be replaced; choose another --output, or pass --force to replace them")
        }
        return nil
    }

    /// Runs `body` holding the output's lock, after cleaning up what an interrupted build left.
    /// `onWait` hears, once, that another build holds the lock and this one waits for it.
    public func locked<T>(onWait: ((String) -> Void)? = nil, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let output = realOutput
        let location = SourceLocation(path: outputDirectory)
        if let reason = pathRefusal() { throw .error(reason, at: location) }
        do {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .error("cannot create the folder that holds the output: \(error.localizedDescription)", at: location)
        }
        let lock = try OutputLock.acquire(for: output, displayPath: outputDirectory, onWait: onWait)
        defer { lock.release() }
        do {
            _ = try OutputDebris(output: output).clean()
        } catch {
            throw .error("cannot clean up after an interrupted build: \(error.localizedDescription)", at: location,
                         hint: "look at the .\(output.lastPathComponent).staging-* and .previous-* folders beside it")
        }
        return try body()
    }

    /// Writes each page `produce` hands to `write` into the staging folder at once, from
    /// whatever thread it comes, then the assets; then swaps the staging folder in, for a
    /// caller that holds the lock (``locked(onWait:_:)``). `beforeSwap` gets the finished
    /// staging folder; if it throws, nothing is swapped. Returns the files and the HTML pages
    /// written.
    public func writeHoldingLock(streaming produce: (_ write: @escaping @Sendable (RenderedPage) -> Void) -> Void,
                                 beforeSwap: ((URL) throws(Diagnostic) -> Void)? = nil) throws(Diagnostic) -> (files: Int, pages: Int) {
        if let refusal = refusal() { throw refusal }
        let fileManager = FileManager.default
        let output = realOutput
        let debris = OutputDebris(output: output)
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = debris.stagingFolder(token: token)
        let previous = debris.previousFolder(token: token)
        let location = SourceLocation(path: outputDirectory)
        var swappedOut = false
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            let staged = StagedPages(staging: staging)
            produce { staged.write($0) }
            if let failure = staged.failure { throw WriteError(message: failure) }
            for directory in Set(assets.map { staging.appendingPathComponent($0.path).deletingLastPathComponent().path }).sorted() {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            for asset in assets {
                // The bytes, never a link: the site must not lead outside itself.
                try fileManager.copyItem(atPath: asset.source, toPath: staging.appendingPathComponent(asset.path).path)
            }
            try Data("Made by strategy-site. Its next build replaces this directory's files (dotfiles are kept).\n".utf8)
                .write(to: staging.appendingPathComponent(Self.markerName))
            do { try beforeSwap?(staging) } catch { throw StagedFailure(diagnostic: error) }

            if FileSystemEntry.exists(output.path) {
                do { try DotfileMirror.mirror(from: output, into: staging) } catch { throw WriteError(message: error.message) }
                try fileManager.moveItem(at: output, to: previous)
                swappedOut = true
                try fileManager.moveItem(at: staging, to: output)
                swappedOut = false
                // Anything written into the old output's dotfolders while they were being linked.
                if (try? debris.rescue(from: previous)) != nil { try? fileManager.removeItem(at: previous) }
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
            return (staged.count + assets.count, staged.htmlCount)
        } catch {
            if swappedOut { try? fileManager.moveItem(at: previous, to: output) }
            try? fileManager.removeItem(at: staging)
            if let failure = error as? StagedFailure { throw failure.diagnostic }
            throw .error("could not write the site: \((error as? WriteError)?.message ?? error.localizedDescription)", at: location)
        }
    }

    private struct WriteError: Error { var message: String }
    private struct StagedFailure: Error { var diagnostic: Diagnostic }
}
