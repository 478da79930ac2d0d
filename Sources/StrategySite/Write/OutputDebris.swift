import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an interrupted build left beside the output, and how the next build puts it right.
///
/// A build writes `.<Output>.staging-<token>`, then renames the output to
/// `.<Output>.previous-<token>` and the staging folder to the output. `kill -9` or a power cut
/// can stop it between any two steps, so the next build (holding the ``OutputLock``) first:
///
/// 1. renames the newest `previous` folder back to the output if the output is missing (the crash
///    fell between the two renames, so that folder is the last complete site, dotfiles and all);
/// 2. moves into the output every dotfile a leftover folder holds that the output lacks, at any
///    depth (a user's file is never deleted with the debris; see ``rescue(from:)``);
/// 3. removes the leftover folders.
///
/// Dotfiles in staging folders are hard links to the output's own, so step 2 finds nothing to
/// move in the usual case, and removing the folder removes only the extra links.
struct OutputDebris {
    var output: URL

    var parent: URL { output.deletingLastPathComponent() }
    var stagingPrefix: String { ".\(output.lastPathComponent).staging-" }
    var previousPrefix: String { ".\(output.lastPathComponent).previous-" }

    func stagingFolder(token: String) -> URL { parent.appendingPathComponent(stagingPrefix + token) }
    func previousFolder(token: String) -> URL { parent.appendingPathComponent(previousPrefix + token) }

    /// The leftover folders, newest first.
    func leftovers() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.filter { $0.hasPrefix(stagingPrefix) || $0.hasPrefix(previousPrefix) }
            .map { parent.appendingPathComponent($0) }
            .sorted { Self.modified($0) > Self.modified($1) }
    }

    /// Puts the output right after an interrupted build; returns what it did, one sentence each.
    func clean() throws -> [String] {
        let fileManager = FileManager.default
        var done: [String] = []
        var leftovers = leftovers()
        guard !leftovers.isEmpty else { return done }
        if !FileSystemEntry.exists(output.path),
           let previous = leftovers.first(where: { $0.lastPathComponent.hasPrefix(previousPrefix) }) {
            try fileManager.moveItem(at: previous, to: output)
            leftovers.removeAll { $0 == previous }
            done.append("restored \(output.lastPathComponent) from an interrupted build")
        }
        for folder in leftovers {
            done += try rescue(from: folder)
            try fileManager.removeItem(at: folder)
        }
        done.append("removed \(leftovers.count) folder\(leftovers.count == 1 ? "" : "s") left by an interrupted build")
        return done
    }

    /// Moves into the output every user file `folder` holds that the output lacks: top-level
    /// dotfiles (but the build marker) and, inside dot-folders present in both, any entry at
    /// any depth. Returns what it moved.
    ///
    /// After a swap this catches a file the user (or git) created in the old output while the
    /// build was carrying the dotfiles over; after a crash, whatever the interrupted build held.
    ///
    /// A file present in both is the same file (one inode, two names) unless someone replaced
    /// it after it was linked. A `.previous-*` folder is the old output, where the user went on
    /// writing: its file replaces the output's if it is a different file and newer. A staging
    /// folder only ever held links or copies of the output's files, so it never replaces one.
    func rescue(from folder: URL) throws -> [String] {
        let fileManager = FileManager.default
        let holdsOriginals = folder.lastPathComponent.hasPrefix(previousPrefix)
        var moved: [String] = []
        func merge(_ source: URL, into target: URL, shown: String, topLevel: Bool) throws {
            let names = (try? fileManager.contentsOfDirectory(atPath: source.path)) ?? []
            for name in names.sorted() where !topLevel || (name.hasPrefix(".") && name != SiteWriter.markerName) {
                let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
                switch (FileSystemEntry.at(from.path), FileSystemEntry.at(to.path)) {
                case (_, .missing):
                    if !FileSystemEntry.exists(target.path) { try fileManager.createDirectory(at: target, withIntermediateDirectories: true) }
                    try fileManager.moveItem(at: from, to: to)
                    moved.append("put \(shown)\(name) back into \(output.lastPathComponent)")
                case (.directory, .directory):
                    try merge(from, into: to, shown: shown + name + "/", topLevel: false)
                case (.regular, .regular) where holdsOriginals && Self.isNewerOtherFile(from, than: to):
                    // rename(2) replaces the output's copy in one step.
                    guard rename(from.path, to.path) == 0 else { continue }
                    moved.append("kept the newer \(shown)\(name)")
                default:
                    continue
                }
            }
        }
        try merge(folder, into: output, shown: "", topLevel: true)
        return moved
    }

    /// Whether `a` is not the same file as `b` (another inode) and was modified later.
    static func isNewerOtherFile(_ a: URL, than b: URL) -> Bool {
        var first = stat(), second = stat()
        guard lstat(a.path, &first) == 0, lstat(b.path, &second) == 0 else { return false }
        if first.st_dev == second.st_dev && first.st_ino == second.st_ino { return false }
        let time = { (info: stat) in Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 }
        return time(first) > time(second)
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
