/// A document body made fit to stand beside the others of its strategy on one print page.
///
/// Every document's ids are unique on its own page, not across a strategy (each has its
/// `introduction`), and its links are relative to `documents/`. So each id is prefixed with
/// the document's (`doc-slug--introduction`), a `#fragment` link follows it, and any other
/// relative link is re-rooted from the volume's folder (a link to another document goes to
/// its own page, wherever it is printed, so a body reads the same in any volume and `serve`
/// can keep it while other documents change). The body writer escapes every
/// attribute value, so ` id="` and ` href="` can only start an attribute, never stand in text.
/// Headings go one level down (an `h2` of a document is an `h3` under its title here), as
/// text holds no raw `<`, a `<h2` or `</h2` is always a tag.
struct PrintVolume {
    /// From the print page's folder back to `documents/` (`../../documents/`).
    var toDocuments: String

    /// The id a document's own id takes on the print page; the document's title takes
    /// `anchor(slug, nil)`.
    static func anchor(_ slug: String, _ id: String?) -> String {
        "doc-" + slug + (id.map { "--" + $0 } ?? "")
    }

    func rewrite(_ html: [UInt8], slug: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + html.count / 16)
        var index = 0
        while index < html.count {
            if let (name, valueStart) = Self.attribute(in: html, at: index),
               let valueEnd = html[valueStart...].firstIndex(of: UInt8(ascii: "\"")) {
                out += html[index..<valueStart]
                let value = String(decoding: html[valueStart..<valueEnd], as: UTF8.self)
                out += Array((name == "id" ? Self.anchor(slug, value) : url(value, in: slug)).utf8)
                index = valueEnd
                continue
            }
            if html[index] == UInt8(ascii: "<"), let digit = Self.headingLevel(in: html, at: index) {
                // `<hN` or `</hN`: the level's digit is the byte at `digit`.
                out += html[index..<digit]
                out.append(min(html[digit] + 1, UInt8(ascii: "6")))
                index = digit + 1
                continue
            }
            out.append(html[index])
            index += 1
        }
        return out
    }

    /// `value` (as the body wrote it, entities and all) as it must read on the print page.
    func url(_ value: String, in slug: String) -> String {
        if value.hasPrefix("#") { return "#" + Self.anchor(slug, String(value.dropFirst())) }
        if value.isEmpty || value.hasPrefix("/") || Self.hasScheme(value) { return value }
        return toDocuments + value
    }

    private static let attributes: [(name: String, bytes: [UInt8])] = ["id", "href", "src"].map { ($0, Array(" \($0)=\"".utf8)) }

    /// The attribute (`id`, `href` or `src`) that starts at `index`, and where its value starts.
    private static func attribute(in html: [UInt8], at index: Int) -> (String, Int)? {
        guard html[index] == UInt8(ascii: " ") else { return nil }
        for attribute in attributes where index + attribute.bytes.count <= html.count {
            if html[index..<index + attribute.bytes.count].elementsEqual(attribute.bytes) { return (attribute.name, index + attribute.bytes.count) }
        }
        return nil
    }

    /// Where the level digit of a heading tag starting at `index` is, if one starts there.
    private static func headingLevel(in html: [UInt8], at index: Int) -> Int? {
        var at = index + 1
        if at < html.count, html[at] == UInt8(ascii: "/") { at += 1 }
        guard at + 2 < html.count, html[at] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[at + 1]),
              html[at + 2] == UInt8(ascii: ">") || html[at + 2] == UInt8(ascii: " ") else { return nil }
        return at + 1
    }

    private static func hasScheme(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":") else { return false }
        let scheme = value[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && !scheme.contains("#") && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}
