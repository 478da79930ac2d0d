import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps on every core, keeping the order. Used for the stages that are independent per
    /// document (read, parse, render); each call does enough work to outweigh the dispatch.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultBox<T>(count: count)
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results.set(index, transform(elements[index]))
            }
        }
        return results.values()
    }
}

/// Slots written by distinct iterations; each index is written exactly once, so a lock per
/// write is enough and cheap next to the work per element.
private final class ResultBox<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ index: Int, _ value: T) { slots.withLock { $0[index] = value } }
    /// Every slot, once `concurrentPerform` has returned (each iteration filled its own).
    func values() -> [T] { slots.withLock { $0.compactMap { $0 } } }
}
