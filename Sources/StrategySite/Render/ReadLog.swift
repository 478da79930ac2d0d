import Foundation
import Synchronization

/// The inputs one page job read (``PageInput``). A job renders on one thread, but the
/// renderer that holds the log is shared by every job, so the log is behind a lock; it is
/// never contended, as one job writes it.
final class ReadLog: Sendable {
    private let recorded = Mutex<Set<PageInput>>([])

    var inputs: Set<PageInput> { recorded.withLock { $0 } }

    func record(_ input: PageInput) { recorded.withLock { _ = $0.insert(input) } }
    func record<S: Sequence>(contentsOf inputs: S) where S.Element == PageInput { recorded.withLock { $0.formUnion(inputs) } }
}
