import Foundation

/// The pages `serve` rendered last time, each with a fingerprint of everything its template
/// was given, so a page whose inputs did not change is not rendered again.
///
/// What a page depends on is read from what it is given, not listed by hand: its context is
/// the whole of its inputs (templates aside, which drop the memo when they change). Building a
/// context is cheap next to rendering it; the indicator lookup, for one, lists every mention
/// in the library and need not be rendered again for an edit that mentions nothing new.
public final class PageMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: (fingerprint: Int, contents: String)] = [:]

    public init() {}

    /// The page's last contents when it was rendered from an equal context, else `render()`.
    func page(_ path: String, context: Any, render: () -> String) -> String {
        var hasher = Hasher()
        Self.hash(context, into: &hasher)
        let fingerprint = hasher.finalize()
        if let known = lock.withLock({ pages[path] }), known.fingerprint == fingerprint { return known.contents }
        let contents = render()
        lock.withLock { pages[path] = (fingerprint, contents) }
        return contents
    }

    /// Forgets every page: after a template changed, equal contexts no longer mean equal pages.
    public func removeAll() {
        lock.withLock { pages = [:] }
    }

    /// A structural hash of a compacted render context (see ``SiteRenderer/compacted(_:)``).
    static func hash(_ value: Any, into hasher: inout Hasher) {
        switch value {
        case let string as String:
            hasher.combine(0); hasher.combine(string)
        case let dictionary as [String: Any]:
            hasher.combine(1); hasher.combine(dictionary.count)
            for key in dictionary.keys.sorted() {
                hasher.combine(key)
                hash(dictionary[key]!, into: &hasher)
            }
        case let array as [Any]:
            hasher.combine(2); hasher.combine(array.count)
            for element in array { hash(element, into: &hasher) }
        case let number as Int:
            hasher.combine(3); hasher.combine(number)
        case let flag as Bool:
            hasher.combine(4); hasher.combine(flag)
        case is Blank:
            hasher.combine(5)
        default:
            hasher.combine(6); hasher.combine(String(describing: value))
        }
    }
}
