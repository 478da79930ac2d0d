import Foundation

/// The rule for `base-url`, shared by `site.yml` and `build --base-url`, so the command line
/// cannot write into `feed.xml` and `sitemap.xml` what the site file would refuse.
public enum BaseURL {
    /// Why `text` is not an absolute http(s) URL with a host, or nil when it is.
    /// `allowingQuery` is for addresses of other sites (a document's original publication),
    /// which may carry a query or fragment; the site's own base URL may not.
    public static func problem(_ text: String, allowingQuery: Bool = false) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else {
            return "must be an absolute http(s) URL, e.g. https://example.org/strategies/"
        }
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains($0) }) {
            return "must be an absolute http(s) URL without spaces, quotes or angle brackets"
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            return "must be an absolute http(s) URL with a host name, e.g. https://example.org/"
        }
        if components.user != nil || components.password != nil { return "must not carry a user name or password" }
        if !allowingQuery, components.query != nil || components.fragment != nil { return "must not carry a query (?) or fragment (#)" }
        return nil
    }
}
