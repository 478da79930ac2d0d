import Foundation

/// Pages written into the staging folder as the renderer hands them over, from any thread.
///
/// The renderer does not keep the site in memory until a writer runs: each page is written
/// and let go, so memory holds the pages in flight. The first failure is kept and reported
/// once the renderer is done; nothing is swapped in after one.
final class StagedPages: @unchecked Sendable {
    private let staging: URL
    private let lock = NSLock()
    private var folders: Set<String> = []
    private(set) var failure: String?
    private(set) var count = 0
    private(set) var htmlCount = 0

    init(staging: URL) {
        self.staging = staging
    }

    func write(_ page: RenderedPage) {
        let url = staging.appendingPathComponent(page.path)
        let folder = url.deletingLastPathComponent().path
        do {
            let known = lock.withLock { folders.contains(folder) || failure != nil }
            if !known {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                lock.withLock { _ = folders.insert(folder) }
            }
            try page.data.write(to: url)
            lock.withLock {
                count += 1
                if page.path.hasSuffix(".html") { htmlCount += 1 }
            }
        } catch {
            lock.withLock { if failure == nil { failure = "\(page.path): \(error.localizedDescription)" } }
        }
    }
}
