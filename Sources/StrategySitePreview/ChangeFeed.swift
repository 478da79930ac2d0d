import Synchronization

/// Where the preview learns which files changed under `Content/` and `Templates/`: a watcher
/// adds the paths it sees, and the rebuild loop takes every path gathered so far at once.
///
/// Paths that arrive while a rebuild runs are gathered and taken together right after it, so
/// a burst of saves costs at most one more rebuild, however many files and events it was.
final class ChangeFeed: Sendable {
    private let pending = Mutex<Set<String>>([])
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    private let watcher = Mutex<(any ChangeSource)?>(nil)

    init() {
        (signals, signal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// A feed from the quickest watcher this system has: inotify on Linux, polling elsewhere or
    /// when inotify cannot be had (its per-user limits), with the reason so the server can say so.
    /// Watching starts now: what changes from here on is reported.
    static func watching(directories: [String], pollInterval: Duration, debounce: Duration) -> (feed: ChangeFeed, fallback: String?) {
        let feed = ChangeFeed()
        #if os(Linux)
        do {
            let inotify = try InotifyWatcher(directories: directories)
            feed.start(inotify)
            return (feed, nil)
        } catch {
            feed.start(PollingWatcher(watcher: FileWatcher(directories: directories), interval: pollInterval, debounce: debounce))
            return (feed, "watching files by polling every \(pollInterval), as inotify is unavailable: \(error)")
        }
        #else
        feed.start(PollingWatcher(watcher: FileWatcher(directories: directories), interval: pollInterval, debounce: debounce))
        return (feed, nil)
        #endif
    }

    /// Starts `source`, feeding this feed until ``stop()``.
    func start(_ source: any ChangeSource) {
        watcher.withLock { $0 = source }
        source.start(feeding: self)
    }

    /// Stops the watcher and ends ``batches``.
    func stop() {
        watcher.withLock { $0 }?.stop()
        signal.finish()
    }

    /// Adds changed paths (absolute; files and, for folders that appeared or went, the folder).
    func add(_ paths: some Collection<String>) {
        guard !paths.isEmpty else { return }
        pending.withLock { $0.formUnion(paths) }
        signal.yield()
    }

    /// Every path added since the last call, sorted; empty if none.
    func take() -> [String] {
        pending.withLock { pending in
            defer { pending = [] }
            return pending.sorted()
        }
    }

    /// Each time paths were added: all of them since the last batch. Ends with ``stop()`` or when
    /// the reading task is cancelled.
    var batches: some AsyncSequence<[String], Never> {
        signals.compactMap { [self] _ in
            let paths = take()
            return paths.isEmpty ? nil : paths
        }
    }
}
