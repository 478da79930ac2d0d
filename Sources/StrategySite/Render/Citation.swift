import Foundation

/// How to cite one document (or one passage of it): as text, as BibTeX and as RIS, from the
/// same facts, so the three never disagree.
///
/// The address is absolute when the site has a base URL (then the citation also says on which
/// day it was accessed, the day of the build), otherwise relative to the site's root. The
/// original publication's address is given when the document's front matter has one.
struct Citation {
    var key: String
    var title: String
    var author: String
    var publisher: String
    var published: PublicationDate
    var siteTitle: String
    var address: String
    var absolute: Bool
    var originalURL: String
    var rights: String
    /// The day of the build, for "accessed"; only with an absolute address.
    var accessed: PublicationDate?

    init(document: ParsedDocument, config: SiteConfig, passage: String? = nil) {
        let meta = document.metadata
        key = document.slug
        title = meta.title
        author = meta.author
        publisher = meta.publisher
        published = meta.published
        siteTitle = config.title
        let base = config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        address = (base ?? "") + SitePaths.document(document.slug) + (passage.map { "#" + $0 } ?? "")
        absolute = base != nil
        originalURL = meta.originalURL
        rights = meta.rights
        accessed = absolute ? Self.buildDay : nil
    }

    /// The day of this build: `SOURCE_DATE_EPOCH` when set (for builds that must be
    /// reproducible), otherwise today, in UTC.
    static let buildDay: PublicationDate = {
        let seconds = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) ?? Date().timeIntervalSince1970
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return PublicationDate(year: parts.year ?? 1970, month: parts.month, day: parts.day)
    }()

    /// Author, title, publisher (or that none is stated), date, the site, the address, when it
    /// was accessed, and the original publication.
    var text: String {
        var parts: [String] = []
        if !author.isEmpty { parts.append(author) }
        parts.append("“\(title)”")
        parts.append(publisher.isEmpty ? "publisher not stated" : publisher)
        parts.append(published.description)
        var text = parts.joined(separator: ", ") + ". "
        if absolute { text += "\(siteTitle). " }
        text += "Available at: " + address
        if let accessed { text += " (accessed \(accessed))" }
        text += "."
        if !originalURL.isEmpty { text += " Original publication: \(originalURL)." }
        if !rights.isEmpty { text += " \(rights)" + (rights.hasSuffix(".") ? "" : ".") }
        return text
    }

    /// A BibTeX `@misc` entry (biblatex's `@online` fields `url` and `urldate` included).
    var bibTeX: String {
        var fields: [(String, String)] = [("title", "{\(Self.tex(title))}")]
        if !author.isEmpty { fields.append(("author", "{\(Self.tex(author))}")) }
        if !publisher.isEmpty { fields.append(("publisher", "{\(Self.tex(publisher))}")); fields.append(("organization", "{\(Self.tex(publisher))}")) }
        fields.append(("year", "{\(published.year)}"))
        if let month = published.month { fields.append(("month", Self.bibMonths[month - 1])) }
        if absolute { fields.append(("url", "{\(address)}")) }
        if let accessed { fields.append(("urldate", "{\(accessed.iso)}")) }
        var notes: [String] = []
        if !absolute { notes.append("In: \(siteTitle), \(address)") } else { notes.append("In: \(siteTitle)") }
        if !originalURL.isEmpty { notes.append("Original publication: \\url{\(originalURL)}") }
        if !rights.isEmpty { notes.append(rights) }
        fields.append(("note", "{\(notes.map { $0.hasPrefix("Original") ? $0 : Self.tex($0) }.joined(separator: ". "))}"))
        return "@misc{\(key),\n" + fields.map { "  \($0.0) = \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// An RIS record: a report (`RPRT`), with its address, site and date of access.
    var ris: String {
        var lines = ["TY  - RPRT", "TI  - \(Self.oneLine(title))"]
        if !author.isEmpty { lines.append("AU  - \(Self.oneLine(author))") }
        if !publisher.isEmpty { lines.append("PB  - \(Self.oneLine(publisher))") }
        lines.append("PY  - \(published.year)")
        lines.append("DA  - \(String(format: "%04d", published.year))/\(published.month.map { String(format: "%02d", $0) } ?? "")/\(published.day.map { String(format: "%02d", $0) } ?? "")/")
        lines.append("T2  - \(Self.oneLine(siteTitle))")
        lines.append("UR  - \(address)")
        if let accessed { lines.append("Y2  - \(accessed.iso)") }
        if !originalURL.isEmpty { lines.append("L2  - \(originalURL)") }
        if !rights.isEmpty { lines.append("N1  - \(Self.oneLine(rights))") }
        lines.append("ER  - ")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static let bibMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Text safe inside a BibTeX braced field: TeX's special characters escaped.
    static func tex(_ text: String) -> String {
        var out = ""
        for character in oneLine(text) {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "&", "%", "$", "#", "_": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(character)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String { SearchText.oneLine(Array(text.utf8)) }
}
