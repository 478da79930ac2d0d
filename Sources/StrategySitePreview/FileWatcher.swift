import Foundation

/// Finds changed files by polling: a snapshot of every file's modification time, size and
/// inode under some folders, compared with the last one. Portable (FileManager only) and cheap
/// for a site's few hundred files; the preview uses it where inotify is not (``PollingWatcher``).
///
/// Hidden files and folders (editors' swap files), backups ending in `~` and vim's `4913`
/// probe are not watched (``ignores(_:)``).
public struct FileWatcher: Sendable {
    public struct Stamp: Equatable, Sendable {
        var modified: Double
        var size: Int
        var inode: UInt64
    }

    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// Every watched file (absolute path) with its stamp.
    public func snapshot() -> [String: Stamp] {
        var files: [String: Stamp] = [:]
        let fileManager = FileManager.default
        for directory in directories {
            let root = URL(fileURLWithPath: directory).standardizedFileURL
            guard let enumerator = fileManager.enumerator(atPath: root.path) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if Self.ignores(name) { continue }
                let path = root.path + "/" + relative
                guard let attributes = try? fileManager.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType != .typeDirectory else { continue }
                files[path] = Stamp(modified: (attributes[.modificationDate] as? Date)?.timeIntervalSinceReferenceDate ?? 0,
                                    size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                                    inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
            }
        }
        return files
    }

    /// Whether a file or folder of this name is left out: hidden ones, backups (`~`), swap files,
    /// and the `4913` file vim writes and deletes to test a folder before each save (seen, it
    /// would start a rebuild before the save itself).
    public static func ignores(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    /// Paths added, removed or changed between two snapshots, sorted.
    public static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
