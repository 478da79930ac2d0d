/// A link target inside the site: `doc:slug`, `doc:slug#anchor`, `theme:id` or `indicator:id`.
///
/// The one parser for these schemes. The parse stage reads each link's target with it once
/// (``Reference/target``) and writes the link's relative URL; the link stage checks that
/// the target exists from that value; an indicator value's `source` is read with it when
/// indicators.yml is loaded (``Indicator/Value/place``).
public enum SiteReference: Hashable, Sendable, CustomStringConvertible {
    case document(slug: String, anchor: String?)
    case theme(String)
    case indicator(String)

    /// Whether `url` uses one of the site's schemes at all (so it is never a web address).
    public static func hasSiteScheme(_ url: some Collection<UInt8>) -> Bool {
        schemes.contains { scheme in url.starts(with: scheme.utf8) }
    }

    private static let schemes = ["doc:", "theme:", "indicator:"]

    /// Nil for a URL that is not a site reference or names nothing (`doc:`, `theme:`).
    public init?(_ url: String) {
        if url.hasPrefix("doc:") {
            let rest = url.dropFirst(4)
            let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            guard let slug = parts.first, !slug.isEmpty else { return nil }
            self = .document(slug: String(slug), anchor: parts.count == 2 ? String(parts[1]) : nil)
        } else if url.hasPrefix("theme:"), url.count > 6 {
            self = .theme(String(url.dropFirst(6)))
        } else if url.hasPrefix("indicator:"), url.count > 10 {
            self = .indicator(String(url.dropFirst(10)))
        } else {
            return nil
        }
    }

    /// As an editor writes it: `doc:slug#anchor`, `theme:id`, `indicator:id`.
    public var description: String {
        switch self {
        case .document(let slug, let anchor): return "doc:" + slug + (anchor.map { "#" + $0 } ?? "")
        case .theme(let id): return "theme:" + id
        case .indicator(let id): return "indicator:" + id
        }
    }

    /// The page (and fragment) the reference leads to, as a site path.
    public var sitePath: String {
        switch self {
        case .document(let slug, let anchor): return SitePaths.document(slug) + (anchor.map { "#" + $0 } ?? "")
        case .theme(let id): return SitePaths.theme(id)
        case .indicator(let id): return SitePaths.indicator(id)
        }
    }
}
