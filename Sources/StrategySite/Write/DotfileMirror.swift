import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries a user's dotfiles (`.git`, `.gitkeep`, `.well-known`) from the output into the
/// staging folder without moving them.
///
/// Moving them meant that a crash, or a concurrent build that lost and cleaned up, stranded or
/// deleted them. Instead every regular file is hard-linked (the same file under a second
/// name, so nothing is copied and nothing leaves the output until the swap), folders are
/// recreated, and links are recreated pointing where they pointed. Where hard links are not
/// possible a regular file is copied; a named pipe, socket or device that cannot be linked
/// stops the build with a message (before anything is swapped).
enum DotfileMirror {
    struct Failure: Error { var message: String }

    /// Mirrors every top-level dotfile of `output` except the build marker into `staging`.
    static func mirror(from output: URL, into staging: URL) throws(Failure) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: output.path) } catch {
            throw Failure(message: "cannot list \(output.path): \(error.localizedDescription)")
        }
        for name in names.sorted() where name.hasPrefix(".") && name != SiteWriter.markerName {
            try mirrorEntry(output.appendingPathComponent(name).path, to: staging.appendingPathComponent(name).path,
                            shown: name)
        }
    }

    private static func mirrorEntry(_ source: String, to target: String, shown: String) throws(Failure) {
        switch FileSystemEntry.at(source) {
        case .missing:
            return // removed meanwhile by its owner
        case .regular:
            if link(source, target) == 0 { return }
            do { try FileManager.default.copyItem(atPath: source, toPath: target) } catch {
                throw Failure(message: "cannot keep \(shown): \(error.localizedDescription)")
            }
        case .directory:
            var info = stat()
            let mode = lstat(source, &info) == 0 ? info.st_mode & 0o7777 : 0o755
            guard mkdir(target, mode | 0o700) == 0 || errno == EEXIST else {
                throw Failure(message: "cannot keep \(shown): \(String(cString: strerror(errno)))")
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: source) } catch {
                throw Failure(message: "cannot keep \(shown): \(error.localizedDescription)")
            }
            for name in names {
                try mirrorEntry(source + "/" + name, to: target + "/" + name, shown: shown + "/" + name)
            }
            _ = chmod(target, mode)
        case .symlink:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(source, &buffer, buffer.count - 1)
            guard count >= 0, symlink(String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self), target) == 0 else {
                throw Failure(message: "cannot keep the link \(shown): \(String(cString: strerror(errno)))")
            }
        case let kind:
            // A named pipe, socket or device node can be hard-linked too; it cannot be copied.
            guard link(source, target) == 0 else {
                throw Failure(message: "cannot keep \(shown), \(kind.description), in the output: \(String(cString: strerror(errno))); move it out of the output folder")
            }
        }
    }
}
