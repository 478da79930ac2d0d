import Foundation

/// How to cite one document (or one passage of it): the sentence a reader copies, and the
/// same facts as BibTeX, RIS and schema.org data for reference managers and search engines.
///
/// Every form comes from the one set of facts here, so they cannot disagree: who wrote or
/// published it, its title, date, the site it is read on and the address there, the day the
/// site was built (the "accessed" date a citation needs), the original publication's address
/// and the rights the source states.
struct Citation: Sendable {
    var title: String
    var author: String
    var publisher: String
    var published: PublicationDate
    var lastUpdated: PublicationDate
    var siteTitle: String
    /// The page's address: absolute when the site has a base URL, else its path from the
    /// site's root (the page's script makes it absolute where the page is read over http).
    var address: String
    var isAbsolute: Bool
    var accessed: PublicationDate
    var originalURL: String
    var rights: String
    var type: String
    var language: String
    var key: String

    init(document metadata: DocumentMetadata, slug: String, config: SiteConfig, accessed: PublicationDate) {
        title = metadata.title
        author = metadata.author
        publisher = metadata.publisher
        published = metadata.published
        lastUpdated = metadata.lastUpdated
        siteTitle = config.title
        let path = SitePaths.document(slug)
        if let absolute = config.absoluteURL(path) {
            address = absolute
            isAbsolute = true
        } else {
            address = path
            isAbsolute = false
        }
        self.accessed = accessed
        originalURL = metadata.originalURL
        rights = metadata.rights
        type = metadata.type
        language = config.language
        key = Self.bibKey(slug)
    }

    /// The suggested citation, for `passage` (a `p:…` id, whose address then ends in it) or
    /// the whole document:
    /// Author, “Title”, Publisher, 8 December 2010. In: Site. Available at: URL (accessed 4
    /// December 2026). Original publication: URL. Rights.
    func text(passage: String? = nil) -> String {
        var parts: [String] = []
        if !author.isEmpty { parts.append(author) }
        parts.append("“\(title)”")
        parts.append(publisher.isEmpty ? "publisher not stated" : publisher)
        parts.append(published.description)
        var text = parts.joined(separator: ", ") + "."
        text += " In: \(siteTitle). Available at: \(url(passage: passage)) (accessed \(accessed.description))."
        if !originalURL.isEmpty { text += " Original publication: \(originalURL)." }
        if !rights.isEmpty { text += " \(rights.hasSuffix(".") ? rights : rights + ".")" }
        return text
    }

    func url(passage: String? = nil) -> String {
        passage.map { address + "#" + $0 } ?? address
    }

    // MARK: Reference managers

    /// A BibTeX `@techreport` (the type BibTeX and biblatex both read for a report issued by
    /// an organisation), with biblatex's `urldate` for the accessed date.
    var bibtex: String {
        var fields: [(String, String)] = []
        if !author.isEmpty { fields.append(("author", "{" + Self.bibEscaped(author) + "}")) }
        fields.append(("title", "{" + Self.bibEscaped(title) + "}"))
        fields.append(("institution", "{" + Self.bibEscaped(publisher.isEmpty ? siteTitle : publisher) + "}"))
        if !type.isEmpty { fields.append(("type", "{" + Self.bibEscaped(type) + "}")) }
        fields.append(("year", "{\(published.year)}"))
        if let month = published.month { fields.append(("month", Self.bibMonths[month - 1])) }
        fields.append(("url", "{" + Self.bibEscaped(address, inURL: true) + "}"))
        fields.append(("urldate", "{\(accessed.iso)}"))
        var note = Self.bibEscaped("Read on \(siteTitle), accessed \(accessed.description).")
        if !originalURL.isEmpty { note += " Original publication: \\url{" + Self.bibEscaped(originalURL, inURL: true) + "}." }
        if !rights.isEmpty { note += " " + Self.bibEscaped(rights) }
        fields.append(("note", "{" + note + "}"))
        if !language.isEmpty { fields.append(("langid", "{" + Self.bibEscaped(language) + "}")) }
        let width = fields.map(\.0.count).max() ?? 0
        let body = fields.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + " = " + $0.1 }.joined(separator: ",\n")
        return "@techreport{\(key),\n\(body)\n}\n"
    }

    /// An RIS record of type `RPRT` (a report: publishers here are charities and forums as
    /// well as departments, so not `GOVDOC`), the format
    /// Zotero, EndNote and Mendeley all import. Tags are two letters, two spaces, a dash and a
    /// space; a value is one line.
    var ris: String {
        var lines: [(String, String)] = [("TY", "RPRT")]
        if !author.isEmpty { lines.append(("AU", author)) }
        lines.append(("TI", title))
        if !publisher.isEmpty { lines.append(("PB", publisher)) }
        lines.append(("PY", String(published.year)))
        lines.append(("DA", [String(published.year), published.month.map { String($0).leftPadded(to: 2) } ?? "",
                              published.day.map { String($0).leftPadded(to: 2) } ?? "", ""].joined(separator: "/")))
        if !type.isEmpty { lines.append(("M3", type)) }
        lines.append(("UR", address))
        if !originalURL.isEmpty { lines.append(("L2", originalURL)) }
        lines.append(("Y2", accessed.iso.replacingOccurrences(of: "-", with: "/")))
        lines.append(("DB", siteTitle))
        if !rights.isEmpty { lines.append(("N1", rights)) }
        if !language.isEmpty { lines.append(("LA", language)) }
        lines.append(("ER", ""))
        return lines.map { tag, value in "\(tag)  - " + Self.oneLine(value) }.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Page metadata

    /// schema.org data for the page (`Report`), as JSON for a `<script type="application/ld+json">`:
    /// `<` is written `\u003c` so no text can close the script.
    var jsonLD: String {
        var json = JSONWriter()
        json.beginObject()
        json.field("@context", "https://schema.org")
        json.field("@type", "Report")
        json.field("name", title)
        json.field("headline", title)
        if !author.isEmpty { json.key("author"); json.beginObject(); json.field("@type", "Person"); json.field("name", author); json.endObject() }
        if !publisher.isEmpty { json.key("publisher"); json.beginObject(); json.field("@type", "Organization"); json.field("name", publisher); json.endObject() }
        json.field("datePublished", published.iso)
        json.field("dateModified", lastUpdated.iso)
        json.field("inLanguage", language)
        if isAbsolute { json.field("url", address) }
        if !originalURL.isEmpty { json.field("isBasedOn", originalURL) }
        if !rights.isEmpty { json.field("copyrightNotice", rights) }
        json.key("isPartOf"); json.beginObject(); json.field("@type", "WebSite"); json.field("name", siteTitle); json.endObject()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    // MARK: Escaping

    static let bibMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A citation key from the slug: letters, digits and `-` only, as every BibTeX reads.
    static func bibKey(_ slug: String) -> String {
        let kept = slug.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") ? String($0) : "-" }.joined()
        return kept.first.map { $0.isLetter } == true ? kept : "doc-" + kept
    }

    /// Text for a braced BibTeX value: TeX's special characters escaped (in a URL only `%`
    /// and `#`, which `\url` still needs, and braces), line breaks as spaces.
    static func bibEscaped(_ text: String, inURL: Bool = false) -> String {
        var out = ""
        for character in oneLine(text) {
            switch character {
            case "\\": out += inURL ? "%5C" : "\\textbackslash{}"
            case "{", "}": out += inURL ? (character == "{" ? "%7B" : "%7D") : "\\" + String(character)
            case "%", "#": out += "\\" + String(character)
            case "&", "$", "_": out += inURL ? String(character) : "\\" + String(character)
            case "^": out += inURL ? "^" : "\\^{}"
            case "~": out += inURL ? "~" : "\\~{}"
            default: out.append(character)
            }
        }
        return out
    }

    /// Any run of line breaks, tabs and other control characters as one space.
    static func oneLine(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
