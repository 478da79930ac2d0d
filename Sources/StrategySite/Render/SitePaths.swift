/// Where each page lives in `Output/`, and relative URLs between pages.
///
/// Every internal link is relative so the site works from `file://`, from a zip and under any
/// sub-path of a web server.
public enum SitePaths {
    public static let home = "index.html"
    public static let themes = "themes/index.html"
    public static let indicators = "indicators/index.html"
    public static let search = "search.html"
    public static let accessibility = "accessibility.html"
    public static let notFound = "404.html"

    public static func document(_ slug: String) -> String { "documents/\(slug).html" }
    public static func theme(_ id: String) -> String { "themes/\(id).html" }
    public static func strategy(_ id: String) -> String { "strategies/\(Slugger.slug(id)).html" }
    public static func indicator(_ id: String) -> String { indicators + "#" + id }

    /// The prefix that leads from `page` back to the site root: "" or "../".
    public static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// `target` (a site path, maybe with `#fragment`) as seen from `page`.
    public static func relative(_ target: String, from page: String) -> String {
        let pageDirectory = page.split(separator: "/").dropLast()
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let fragment = parts.count > 1 ? "#" + parts[1] : ""
        var targetParts = path.split(separator: "/")
        var base = Array(pageDirectory)
        while let first = base.first, let targetFirst = targetParts.first, targetParts.count > 1, first == targetFirst {
            base.removeFirst()
            targetParts.removeFirst()
        }
        let relative = String(repeating: "../", count: base.count) + targetParts.joined(separator: "/")
        if relative == page.split(separator: "/").last.map(String.init), !fragment.isEmpty, base.isEmpty {
            return fragment
        }
        return relative + fragment
    }

    /// Resolves a `doc:`, `theme:` or `indicator:` target to a URL relative to `page`.
    public static func resolve(_ target: String, from page: String, site: LinkedSite) -> String? {
        if target.hasPrefix("doc:") {
            let parts = target.dropFirst(4).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let slug = String(parts.first ?? "")
            guard site.document(slug) != nil else { return nil }
            return relative(document(slug) + (parts.count > 1 ? "#" + parts[1] : ""), from: page)
        }
        if target.hasPrefix("theme:") {
            let id = String(target.dropFirst(6))
            return site.theme(id) == nil ? nil : relative(theme(id), from: page)
        }
        if target.hasPrefix("indicator:") {
            let id = String(target.dropFirst(10))
            return site.indicator(id) == nil ? nil : relative(indicator(id), from: page)
        }
        return nil
    }
}
