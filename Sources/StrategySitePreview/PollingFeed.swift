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
    private var nextScan: ContinuousClock.Instant

    /// Takes the first snapshot now, so changes made from here on are seen.
    init(watcher: FileWatcher, interval: Duration, debounce: Duration) {
        self.watcher = watcher
        self.interval = interval
        self.debounce = debounce
        snapshot = watcher.snapshot()
        nextScan = .now + interval
    }

    func changes(waitingUpTo timeout: Duration) async -> [String] {
        // Scans every `interval`, however short the waits the caller asks for.
        let wait = nextScan - .now
        if wait > .zero {
            try? await Task.sleep(for: min(wait, timeout))
            if ContinuousClock.now < nextScan { return [] }
        }
        nextScan = .now + interval
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
