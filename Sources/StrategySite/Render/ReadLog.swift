import Foundation

/// The inputs one page job read (``PageInput``). A job renders on one thread, so the log is
/// only ever written from that thread; fragments shared between jobs replay what they read
/// into the log of each job that uses them (``RenderCache``).
final class ReadLog: @unchecked Sendable {
    private(set) var inputs: Set<PageInput> = []

    func record(_ input: PageInput) { inputs.insert(input) }
    func record<S: Sequence>(contentsOf inputs: S) where S.Element == PageInput { self.inputs.formUnion(inputs) }
}
