import Foundation

/// The lookup's matching rules, used by `strategy-site lookup` and written into the lookup
/// page (`data-search`) for its script, which applies the same rules in the browser
/// (`Templates/assets/indicators.js`):
///
/// 1. A query shaped like a code (`NI 149`, `ni149`, `PSA25`) selects the indicators with
///    exactly that code or alias, ignoring case and spaces; failing that, those whose code
///    starts with it (`NI 14`).
/// 2. Otherwise every word of the query must start a word of the indicator's code, title,
///    local-monitoring idea, description, aliases or themes.
public struct IndicatorSearch: Sendable {
    public var site: LinkedSite

    public init(site: LinkedSite) { self.site = site }

    /// Lower case without accents.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    }

    static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func compact(_ text: String) -> String { words(text).joined() }

    /// Letters then digits, maybe one more letter: `ni149`, `psa25`.
    static func isCodeShaped(_ text: String) -> Bool {
        let letters = text.prefix { $0.isLetter }
        let rest = text.dropFirst(letters.count)
        let digits = rest.prefix { $0.isNumber }
        let tail = rest.dropFirst(digits.count)
        return !letters.isEmpty && !digits.isEmpty && tail.count <= 1 && tail.allSatisfy(\.isLetter)
    }

    /// Everything a query word may match, as one string (the page's `data-search`).
    public func searchText(for indicator: Indicator) -> String {
        let themes = indicator.themes.flatMap { id in [id, site.theme(id)?.title ?? ""] }
        return ([indicator.code, indicator.code.replacingOccurrences(of: " ", with: ""), indicator.title, indicator.localMonitoring,
                 indicator.description] + indicator.aliases + themes).filter { !$0.isEmpty }.joined(separator: " ")
    }

    public func search(_ query: String) -> [Indicator] {
        let queryWords = Self.words(query)
        guard !queryWords.isEmpty else { return [] }
        let code = Self.compact(query)
        if Self.isCodeShaped(code) {
            let codes = { (indicator: Indicator) in indicator.mentionForms.map(Self.compact) }
            let exact = site.indicators.filter { codes($0).contains(code) }
            if !exact.isEmpty { return exact }
            let started = site.indicators.filter { codes($0).contains { $0.hasPrefix(code) } }
            if !started.isEmpty { return started }
        }
        return site.indicators.filter { indicator in
            let words = Self.words(searchText(for: indicator))
            return queryWords.allSatisfy { query in words.contains { $0.hasPrefix(query) } }
        }
    }
}
