import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names on disk, told apart without opening it.
///
/// Opening a named pipe blocks, and reading `/dev/zero` never ends, so files from a user's
/// folders are looked at with `stat` before they are read; Foundation's `fileExists` also
/// follows links, which hides a link that leads out of a folder.
enum FileSystemEntry: Equatable {
    case missing, regular, directory, symlink, fifo, socket, device, other

    /// The entry itself (a link is `.symlink`).
    static func at(_ path: String) -> FileSystemEntry {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        return kind(info.st_mode)
    }

    /// What a link leads to, or the entry itself when it is not a link; `.missing` for a
    /// dangling link.
    static func following(_ path: String) -> FileSystemEntry {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return kind(info.st_mode)
    }

    /// Whether anything, even a dangling link, has this name.
    static func exists(_ path: String) -> Bool { at(path) != .missing }

    private static func kind(_ mode: mode_t) -> FileSystemEntry {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        default: return .other
        }
    }

    /// How a person would name it, for messages: "a folder", "a named pipe (FIFO)".
    var description: String {
        switch self {
        case .missing: return "missing"
        case .regular: return "a file"
        case .directory: return "a folder"
        case .symlink: return "a symbolic link"
        case .fifo: return "a named pipe (FIFO)"
        case .socket: return "a socket"
        case .device: return "a device"
        case .other: return "not a regular file"
        }
    }

    /// The real path of `path` with every link resolved (`realpath(3)`), or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of a path that may not exist yet: its deepest existing ancestor resolved,
    /// then the rest appended. Used to tell where an output folder would really be.
    static func realPathOfPossiblyMissing(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var existing = absolute
        var rest: [String] = []
        while realPath(existing) == nil, existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let base = realPath(existing) ?? existing
        return rest.reduce(base) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// Whether `path` is `folder` or lies inside it (both real paths).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
