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
    /// The search index's manifest; its shards and fragments are in the same folder.
    public static let searchManifest = "search/manifest.js"
    public static let indicatorData = "indicators/indicators-data.js"

    public static func document(_ slug: String) -> String { "documents/\(slug).html" }
    public static func theme(_ id: String) -> String { "themes/\(id).html" }

    /// The file formats a document's citation is downloaded in.
    public enum CitationFormat: String, Sendable { case bibtex = "bib", ris }
    /// A document's citation for reference managers, beside its page: `documents/slug.bib`.
    public static func citation(_ slug: String, format: CitationFormat) -> String { "documents/\(slug).\(format.rawValue)" }
    /// The open data files, beside each other under `data/`.
    public enum OpenData {
        public static let json = "data/indicators.json"
        public static let jsonSchema = "data/indicators.schema.json"
        public static let indicatorsCSV = "data/indicators.csv"
        public static let valuesCSV = "data/indicator-values.csv"
        public static let csvMetadata = "data/indicators.csv-metadata.json"
    }
    public static func strategy(_ id: String) -> String { "strategies/\(Slugger.slug(id)).html" }
    /// A strategy's documents on one page for print (`strategies/print/2010.html`).
    public static func print(_ id: String) -> String { "strategies/print/\(Slugger.slug(id)).html" }
    /// An indicator's own page; its row on the lookup is `indicators + "#" + id`.
    public static func indicator(_ id: String) -> String { "indicators/\(id).html" }

    /// The prefix that leads from `page` back to the site root: "" or "../".
    public static func root(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// `target` (a site path, maybe with `#fragment`) as seen from `page`.
    ///
    /// Called for every link of every page, so it splits the UTF-8 bytes (paths are split at
    /// ASCII `/` and `#`) rather than Characters, which was a tenth of a build's time.
    public static func relative(_ target: String, from page: String) -> String {
        let slash = UInt8(ascii: "/")
        let pageParts = page.utf8.split(separator: slash)
        let hash = target.utf8.firstIndex(of: UInt8(ascii: "#"))
        let fragment = hash.map { String(target[$0...]) } ?? ""
        var targetParts = target.utf8[..<(hash ?? target.utf8.endIndex)].split(separator: slash)[...]
        var base = pageParts.dropLast()[...]
        while let first = base.first, let targetFirst = targetParts.first, targetParts.count > 1, first.elementsEqual(targetFirst) {
            base = base.dropFirst()
            targetParts = targetParts.dropFirst()
        }
        if base.isEmpty, !fragment.isEmpty, targetParts.count == 1, let last = pageParts.last, last.elementsEqual(targetParts[targetParts.startIndex]) {
            return fragment
        }
        var result = String(repeating: "../", count: base.count)
        for (index, part) in targetParts.enumerated() {
            if index > 0 { result += "/" }
            result += Substring(part)
        }
        // A first segment with a colon (`vbscript:n.html`) would be read as a URL's scheme.
        if base.isEmpty, let first = targetParts.first, first.contains(UInt8(ascii: ":")) { result = "./" + result }
        return result + fragment
    }
}
