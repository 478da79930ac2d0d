import Foundation

/// Turns heading text into anchors that are readable, stable across builds and unique in a page.
///
/// A heading's anchor depends only on its text and on the headings before it with the same
/// text, so a link a reader copied keeps working as long as the heading is not renamed.
public struct Slugger: Sendable {
    private var used: Set<String>

    /// - Parameter reserved: ids the page template uses itself, so a heading cannot take them.
    public init(reserved: Set<String> = Slugger.templateIDs) {
        used = reserved
    }

    /// Ids that page templates use; headings never get these.
    public static let templateIDs: Set<String> = ["main", "contents", "top", "notes", "site-header", "site-footer", "search"]

    /// `"The New PSAs"` becomes `the-new-psas`; a second `"Prisons"` becomes `prisons-2`.
    public mutating func slug(for text: String) -> String {
        let base = Slugger.slug(text)
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Lower-case ASCII letters and digits joined by single hyphens; accents are folded.
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug.lowercased()
    }
}
