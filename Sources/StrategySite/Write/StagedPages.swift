import Foundation
import Synchronization

/// Pages written into the staging folder as the renderer hands them over, from any thread.
///
/// The renderer does not keep the site in memory until a writer runs: each page is written
/// and let go, so memory holds the pages in flight. The first failure is kept and reported
/// once the renderer is done; nothing is swapped in after one.
final class StagedPages: Sendable {
    private struct State {
        var folders: Set<String> = []
        var failure: String?
        var count = 0
        var htmlCount = 0
    }

    private let staging: URL
    private let state = Mutex(State())

    var failure: String? { state.withLock { $0.failure } }
    var count: Int { state.withLock { $0.count } }
    var htmlCount: Int { state.withLock { $0.htmlCount } }

    init(staging: URL) {
        self.staging = staging
    }

    func write(_ page: RenderedPage) {
        let url = staging.appendingPathComponent(page.path)
        let folder = url.deletingLastPathComponent().path
        do {
            let known = state.withLock { $0.folders.contains(folder) || $0.failure != nil }
            if !known {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                state.withLock { _ = $0.folders.insert(folder) }
            }
            try page.data.write(to: url)
            state.withLock {
                $0.count += 1
                if page.path.hasSuffix(".html") { $0.htmlCount += 1 }
            }
        } catch {
            let message = "\(page.path): \(error.localizedDescription)"
            state.withLock { if $0.failure == nil { $0.failure = message } }
        }
    }
}
