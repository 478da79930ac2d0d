#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// Linux: the kernel says what changed (inotify), so a save is seen the moment the editor
/// closes or renames the file, with no scan and no polling delay.
///
/// inotify is not recursive, so every folder under the roots is watched; folders created or
/// moved in are watched as they appear, and the files already in them reported (they may have
/// been written before the watch existed). A file counts as changed when it is closed after
/// writing, renamed in or out, deleted, or its attributes change (`touch`) — not on each
/// `write`, which would rebuild from a half-written file. The same names are ignored as by
/// ``FileWatcher``. If the kernel's queue overflows, or a watched folder is moved away, the
/// roots themselves are reported, which rebuilds everything.
///
/// Once started, one thread of its own reads the kernel's queue for as long as the watcher
/// runs: its wait blocks, so it is neither on the Swift concurrency pool nor on Dispatch's, whose
/// few threads a build (or a busy test run) can hold for seconds.
final class InotifyWatcher: ChangeSource {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The roots, absolute and standardised, as the paths reported start.
    let roots: [String]
    private let descriptor: Int32
    /// A pipe whose write end ``stop()`` writes to, to end the reader's wait.
    private let wake: (read: Int32, write: Int32)
    /// Watched folder of each watch descriptor.
    private let folders = Mutex<[Int32: String]>([:])
    private let stopped = Mutex(false)

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                      | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// Starts watching now: changes from here on are reported by the next ``waitAndDrain(milliseconds:)``,
    /// or, once started, to the feed. A root that does not exist is skipped, as ``FileWatcher`` skips it.
    init(directories: [String]) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Failure(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(descriptor)
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wake = (ends[0], ends[1])
        roots = directories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var ignored = Set<String>()
        for root in roots {
            try watch(root, reporting: &ignored, strict: true)
        }
    }

    deinit {
        close(descriptor)
        close(wake.read)
        close(wake.write)
    }

    /// The folders watched now, for tests.
    var watchedFolders: Set<String> { Set(folders.withLock { $0.values }) }

    /// Starts the reader: each burst of changes is added to `feed` as one, until ``stop()``.
    func start(feeding feed: ChangeFeed) {
        let thread = Thread { [self] in
            while !stopped.withLock({ $0 }) {
                feed.add(waitAndDrain(milliseconds: -1))
            }
        }
        thread.name = "inotify reader"
        thread.start()
    }

    /// Ends the reader's wait; it stops before reading again.
    func stop() {
        stopped.withLock { $0 = true }
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
    }

    /// Waits up to `milliseconds` (-1: until an event or ``stop()``) for the first event, then
    /// reads events until the queue has been quiet for ``settle`` (at most ``settleLimit`` in all).
    ///
    /// The settle is what makes one save one rebuild: many programs rename a file into place
    /// and close it a moment later (Foundation's atomic write does), or save several files in
    /// a row, and reading at the first event would rebuild twice. It is a few milliseconds of
    /// quiet, not a fixed delay; what still arrives later waits for the next call.
    func waitAndDrain(milliseconds: Int32) -> [String] {
        guard wait(milliseconds: milliseconds) else { return [] }
        var changed = Set<String>()
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        let limit = ContinuousClock.now + Self.settleLimit
        repeat {
            read(into: &changed, buffer: buffer, capacity: capacity)
        } while ContinuousClock.now < limit && wait(milliseconds: Self.settle)
        return changed.sorted()
    }

    /// Quiet that ends a burst, and the longest a burst is followed.
    static let settle: Int32 = 3
    static let settleLimit: Duration = .milliseconds(30)

    /// Whether an event is queued within `milliseconds` (-1: no limit); false as soon as
    /// ``stop()`` is called. A signal the process handles interrupts `poll` on a thread that does
    /// not block it, so an interrupted wait goes on rather than end early with nothing.
    private func wait(milliseconds: Int32) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(max(milliseconds, 0))
        var remaining = milliseconds
        while true {
            var ready = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let result = poll(&ready, 2, remaining)
            if result >= 0 || errno != EINTR { return result > 0 && ready[1].revents == 0 }
            guard milliseconds >= 0 else { continue }
            let left = deadline - .now
            guard left > .zero else { return false }
            remaining = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    /// Reads every event queued now.
    private func read(into changed: inout Set<String>, buffer: UnsafeMutableRawPointer, capacity: Int) {
        while true {
            let count = Glibc.read(descriptor, buffer, capacity)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }  // EAGAIN: the queue is empty
            var offset = 0
            while offset + 16 <= count {
                let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let name = length > 0 ? String(cString: buffer.advanced(by: offset + 16).assumingMemoryBound(to: CChar.self)) : ""
                handle(wd: wd, mask: mask, name: name, into: &changed)
                offset += 16 + length
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: String, into changed: inout Set<String>) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            changed.formUnion(roots)
            return
        }
        guard let folder = folders.withLock({ $0[wd] }) else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders.withLock { $0[wd] = nil }
            return
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            // A subfolder's own parent reports it by name; only a root going needs this.
            if roots.contains(folder) { changed.insert(folder) }
            return
        }
        guard !name.isEmpty, !FileWatcher.ignores(name) else { return }
        let path = folder + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                try? watch(path, reporting: &changed, strict: false)
                changed.insert(path)
            } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                // Its files left with it, unnamed: forget its watches and rebuild from the root.
                unwatch(under: path)
                changed.insert(root(of: path))
            } else if mask & UInt32(IN_DELETE) != 0 {
                // Its files were deleted first, each reported.
                changed.insert(path)
            }
            return
        }
        if mask & UInt32(IN_CREATE) != 0 {
            // A new file is reported when it is closed after writing; a symlink never is, so now.
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { changed.insert(path) }
            return
        }
        changed.insert(path)
    }

    /// Watches `folder` and every folder under it; reports the files found in them.
    private func watch(_ folder: String, reporting changed: inout Set<String>, strict: Bool) throws {
        let wd = inotify_add_watch(descriptor, folder, Self.mask)
        guard wd >= 0 else {
            let reason = errno
            if !strict || reason == ENOENT || reason == ENOTDIR { return }
            throw Failure(description: "inotify_add_watch \(folder): \(String(cString: strerror(reason)))")
        }
        folders.withLock { $0[wd] = folder }
        // Listed after the watch is added, so nothing written in between is missed.
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !FileWatcher.ignores(name) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                try watch(path, reporting: &changed, strict: strict)
            } else {
                changed.insert(path)
            }
        }
    }

    private func unwatch(under folder: String) {
        folders.withLock { folders in
            for (wd, path) in folders where path == folder || path.hasPrefix(folder + "/") {
                inotify_rm_watch(descriptor, wd)
                folders[wd] = nil
            }
        }
    }

    private func root(of path: String) -> String {
        roots.first { path == $0 || path.hasPrefix($0 + "/") } ?? path
    }
}
#endif
