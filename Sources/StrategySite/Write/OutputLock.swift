import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time per output folder.
///
/// Two builds into the same folder would race otherwise: each carries the output's dotfiles into
/// its own staging folder, and the loser would delete them with its staging folder. The lock is an advisory
/// `flock` on `.<Output>.lock` beside the output. The kernel drops it when its process ends, even
/// by `kill -9`, so a crashed build never leaves a stale lock behind. The lock file itself stays:
/// deleting it while another process waits on it would let a third take a different lock.
final class OutputLock {
    let path: String
    private var descriptor: Int32

    /// The lock file's path for `output` (an absolute, canonical path).
    static func path(for output: URL) -> String {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
    }

    /// Takes the lock, waiting for another build to finish if it holds it; `onWait` is told
    /// once, before waiting, with a sentence a person can read.
    static func acquire(for output: URL, displayPath: String, onWait: ((String) -> Void)?) throws(Diagnostic) -> OutputLock {
        let path = Self.path(for: output)
        let location = SourceLocation(path: displayPath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .error("cannot create the lock file \(path): \(String(cString: strerror(errno)))", at: location,
                         hint: "the folder that holds the output must be writable")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .error("cannot lock \(path): \(reason)", at: location)
            }
            let holder = Self.holder(descriptor)
            onWait?("another build\(holder.map { " (process \($0))" } ?? "") is writing \(displayPath); waiting for it to finish")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw .error("cannot lock \(path): \(reason)", at: location)
                }
            }
        }
        // Record who holds it, for the message a waiting build prints.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return OutputLock(path: path, descriptor: descriptor)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    private static func holder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
