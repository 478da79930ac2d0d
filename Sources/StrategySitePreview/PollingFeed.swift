import Foundation

/// Changes found by comparing ``FileWatcher`` snapshots every `interval`; after a change it
/// waits until the folders are quiet for `debounce`, as the snapshot cannot tell a finished
/// save from one half-written. Used where inotify is not (macOS).
final class PollingFeed: ChangeFeed, @unchecked Sendable {
    let watcher: FileWatcher
    let interval: Duration
    let debounce: Duration
    // Only the preview's single watcher loop calls `changes`, one call at a time.
    private var snapshot: [String: FileWatcher.Stamp]

    /// Takes the first snapshot now, so changes made from here on are seen.
    init(watcher: FileWatcher, interval: Duration, debounce: Duration) {
        self.watcher = watcher
        self.interval = interval
        self.debounce = debounce
        snapshot = watcher.snapshot()
    }

    func changes(waitingUpTo timeout: Duration) async -> [String] {
        try? await Task.sleep(for: min(interval, timeout))
        var current = watcher.snapshot()
        var changed = Set(FileWatcher.changes(from: snapshot, to: current))
        snapshot = current
        guard !changed.isEmpty else { return [] }
        // Wait for the editor to finish writing (several files, or write-then-rename).
        for _ in 0..<20 {
            try? await Task.sleep(for: debounce)
            current = watcher.snapshot()
            let more = FileWatcher.changes(from: snapshot, to: current)
            snapshot = current
            if more.isEmpty { break }
            changed.formUnion(more)
        }
        return changed.sorted()
    }
}
