import Synchronization

/// What `serve` keeps between rebuilds of the parts of pages made from one document alone:
/// a section's passage on a theme (theme pages) and a document's body as a print volume
/// writes it. A theme page or a print volume shows many documents and is rendered again when
/// any of them changes; with this, only the changed document's parts are made again, the
/// others' are taken as they were. Entries are keyed by the document's parse (its
/// `revision`), and a new parse of a document drops what was kept of the old one, so the
/// cache holds one version of each document. `build` renders every page once and keeps none.
///
/// It also keeps whole pages made only of such parts (a print volume), by what they were made
/// from, so a strategy's volumes other than the edited document's are not rendered again.
///
/// The data files shape all of them (a theme's words, a strategy's title): a change to one
/// starts a new cache; a template edit drops the kept pages (``dropPages()``).
public final class DocumentRenderCache: Sendable {
    enum Part: Hashable, Sendable {
        case passage(anchor: String, theme: String)
        case printBody
    }

    private struct Entries: Sendable {
        var revisions: [String: Int] = [:]
        var parts: [String: [Part: String]] = [:]
    }

    private let entries = Mutex(Entries())
    private let pages = Mutex<[String: (fingerprint: [Int], page: RenderedPage)]>([:])

    public init() {}

    /// The part of document `slug` (parse `revision`), made by `make` unless kept.
    func part(_ part: Part, of slug: String, revision: Int, _ make: () -> String) -> String {
        if let kept = entries.withLock({ $0.revisions[slug] == revision ? $0.parts[slug]?[part] : nil }) { return kept }
        let made = make()
        entries.withLock { entries in
            if entries.revisions[slug] != revision {
                entries.revisions[slug] = revision
                entries.parts[slug] = [:]
            }
            entries.parts[slug, default: [:]][part] = made
        }
        return made
    }

    /// The page at `path`, as kept if it was made from the same `fingerprint` (the revisions
    /// of the documents on it, and whatever else it shows), else made by `make` and kept.
    func page(_ path: String, fingerprint: [Int], _ make: () -> RenderedPage) -> RenderedPage {
        if let kept = pages.withLock({ $0[path] }), kept.fingerprint == fingerprint { return kept.page }
        let made = make()
        pages.withLock { $0[path] = (fingerprint, made) }
        return made
    }

    /// Forgets every kept page: the templates they were rendered with changed.
    func dropPages() {
        pages.withLock { $0 = [:] }
    }
}
