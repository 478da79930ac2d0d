import Dispatch

/// Where the preview's tasks run: a serial queue of their own, not the Swift concurrency pool.
///
/// The pool has one thread per core, and long synchronous work elsewhere in the process (as in
/// a test run, where other tests share it) can hold every one of them for a minute; the
/// preview's connections, watcher and reports would wait as long. Its own queue keeps it
/// answering. One queue is enough: rebuilds run off it (``PreviewServer/background(_:)``), and
/// what runs on it is short: reading a head, looking a page up, writing bytes.
final class PreviewExecutor: TaskExecutor {
    static let shared = PreviewExecutor()

    private let queue = DispatchQueue(label: "strategy-site.preview")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
