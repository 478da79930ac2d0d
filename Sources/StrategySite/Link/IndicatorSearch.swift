/// The lookup's matching rules, shared by `strategy-site lookup` and mirrored by the lookup
/// page's script: a query matches a code with or without spaces, any word of the title, the
/// local-monitoring idea or description, or a theme id or title. All words must match.
public struct IndicatorSearch: Sendable {
    public var site: LinkedSite

    public init(site: LinkedSite) { self.site = site }

    static func normalize(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }
    }

    public func search(_ query: String) -> [Indicator] {
        let compactQuery = Self.normalize(query).replacingOccurrences(of: " ", with: "")
        let words = Self.normalize(query).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        return site.indicators.filter { indicator in
            let codes = indicator.mentionForms.map { Self.normalize($0).replacingOccurrences(of: " ", with: "") }
            if codes.contains(compactQuery) { return true }
            let themeText = indicator.themes.map { id in id + " " + (site.theme(id)?.title ?? "") }.joined(separator: " ")
            let haystack = Self.normalize([indicator.code, indicator.title, indicator.localMonitoring, indicator.description, themeText].joined(separator: " "))
            let haystackWords = haystack.split(separator: " ")
            return words.allSatisfy { word in haystackWords.contains { $0.hasPrefix(word) } || codes.contains { $0.hasPrefix(word) } }
        }
    }
}
