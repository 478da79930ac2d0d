/// Where the preview learns which files changed under `Content/` and `Templates/`.
///
/// One call returns everything that changed since the last call, so a burst of saves that
/// arrives while a rebuild runs is rebuilt once, together, right after it.
protocol ChangeFeed: AnyObject, Sendable {
    /// Waits until something changed, at most about `timeout`, and returns every changed path
    /// (absolute; files and, for folders that appeared or went, the folder); empty if nothing did.
    func changes(waitingUpTo timeout: Duration) async -> [String]
}

/// The quickest feed this system has: inotify on Linux, polling elsewhere or when inotify
/// cannot be had (its per-user limits), with the reason so the server can say so.
func makeChangeFeed(directories: [String], pollInterval: Duration, debounce: Duration) -> (feed: any ChangeFeed, fallback: String?) {
    #if os(Linux)
    do {
        return (try InotifyWatcher(directories: directories), nil)
    } catch {
        return (PollingFeed(watcher: FileWatcher(directories: directories), interval: pollInterval, debounce: debounce),
                "watching files by polling every \(pollInterval), as inotify is unavailable: \(error)")
    }
    #else
    return (PollingFeed(watcher: FileWatcher(directories: directories), interval: pollInterval, debounce: debounce), nil)
    #endif
}
