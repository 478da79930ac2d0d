import Foundation
import Synchronization

/// Changes found by comparing ``FileWatcher`` snapshots every `interval`; after a change it
/// waits until the folders are quiet for `debounce`, as the snapshot cannot tell a finished
/// save from one half-written. Used where inotify is not (macOS).
final class PollingWatcher: ChangeSource {
    let watcher: FileWatcher
    let interval: Duration
    let debounce: Duration
    /// Taken at `init`, so changes made from then on are seen.
    private let first: [String: FileWatcher.Stamp]
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(watcher: FileWatcher, interval: Duration, debounce: Duration) {
        self.watcher = watcher
        self.interval = interval
        self.debounce = debounce
        first = watcher.snapshot()
    }

    func start(feeding feed: ChangeFeed) {
        let (watcher, interval, debounce, first) = (self.watcher, self.interval, self.debounce, self.first)
        let scanning = Task {
            var snapshot = first
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                var current = watcher.snapshot()
                var changed = Set(FileWatcher.changes(from: snapshot, to: current))
                snapshot = current
                guard !changed.isEmpty else { continue }
                // Wait for the editor to finish writing (several files, or write-then-rename).
                for _ in 0..<20 {
                    try? await Task.sleep(for: debounce)
                    current = watcher.snapshot()
                    let more = FileWatcher.changes(from: snapshot, to: current)
                    snapshot = current
                    if more.isEmpty { break }
                    changed.formUnion(more)
                }
                feed.add(changed)
            }
        }
        task.withLock { $0 = scanning }
    }

    func stop() {
        task.withLock { $0 }?.cancel()
    }
}
