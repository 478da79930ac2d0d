import StrategySite

/// What every page the site writes must hold, whatever the Markdown or data it came from:
/// elements well nested (no link inside a link), ids unique, every `#fragment` link pointing at
/// an id on its page (or, across pages, on the page it names), no event handler attribute and
/// no `javascript:`, `vbscript:`, `data:` or `file:` URL, and in a document body only the
/// elements and attributes the body writer makes, so nothing comes through from raw HTML.
///
/// One checker, used by the Markdown fuzz target (`Tests/Fuzz`) and by every test that
/// generates documents, so both hold pages to the same rules. It reads HTML as the site writes
/// it (attribute values in double quotes, `<script>` text never parsed), not every HTML a
/// browser accepts.
public enum PageInvariants {
    /// Elements that have no end tag.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// What the body writer writes: its elements, each with the attributes it may carry.
    public static let bodyElements: [String: Set<String>] = [
        "p": ["id"], "li": ["id"], "a": ["href", "title", "id", "class", "aria-label"], "em": [], "strong": [], "code": ["class"],
        "pre": [], "blockquote": [], "ul": [], "ol": ["start"], "hr": [], "br": [], "img": ["src", "alt", "title"],
        "table": ["id"], "thead": [], "tbody": [], "tr": [], "th": ["scope", "class"], "td": ["class"],
        "div": ["id", "class", "role", "tabindex", "aria-label", "aria-labelledby"], "sup": ["class"], "section": ["class", "aria-label"],
        "h1": ["id"], "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
    ]

    struct Element {
        var name: String
        var attributes: [(name: String, value: String)]
        var selfClosing: Bool
        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    /// Problems of one document body (a fragment): the page rules, plus only body elements and
    /// none of `reservedIDs` (the ids the page templates use themselves).
    public static func bodyProblems(_ html: String, reservedIDs: Set<String> = []) -> [String] {
        var problems: [String] = []
        let ids = check(html, elements: bodyElements, problems: &problems)
        for id in ids.all where reservedIDs.contains(id) { problems.append("id '\(id)' is one the page template uses") }
        return problems
    }

    /// Problems of one whole page.
    public static func pageProblems(_ html: String) -> [String] {
        var problems: [String] = []
        _ = check(html, elements: nil, problems: &problems)
        return problems
    }

    /// Problems of a whole site, by page path relative to its root: each page's, links to an
    /// `other.html` the site does not have, and links `other.html#id` between pages whose page
    /// exists but whose id does not.
    public static func siteProblems(_ pages: [String: String]) -> [String] {
        var problems: [String] = []
        var idsByPage: [String: Set<String>] = [:]
        var links: [(page: String, href: String)] = []
        for (path, html) in pages {
            var pageProblems: [String] = []
            let found = check(html, elements: nil, problems: &pageProblems)
            problems += pageProblems.map { "\(path): \($0)" }
            idsByPage[path] = Set(found.all)
            links += found.crossPageLinks.map { (path, $0) }
        }
        for (page, href) in links {
            guard let hash = href.firstIndex(of: "#") else {
                let target = resolve(href, from: page)
                if idsByPage[target] == nil { problems.append("\(page): link '\(href)' names \(target), which the site does not have") }
                continue
            }
            let target = resolve(String(href[..<hash]), from: page)
            let fragment = String(href[href.index(after: hash)...])
            if let ids = idsByPage[target], !ids.contains(fragment.percentDecodedLeniently) {
                problems.append("\(page): link '\(href)' names no id of \(target)")
            }
        }
        return problems.sorted()
    }

    struct Found { var all: [String] = []; var crossPageLinks: [String] = [] }

    /// Walks the page once; `elements`, when given, is the only elements and attributes allowed.
    static func check(_ html: String, elements allowed: [String: Set<String>]?, problems: inout [String]) -> Found {
        let bytes = Array(html.utf8)
        var open: [String] = []
        var found = Found()
        var fragmentLinks: [String] = []
        var index = 0
        func note(_ problem: String) { if problems.count < 20 { problems.append(problem) } }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if starts(bytes, at: index, with: "<!--") {
                guard let end = find(bytes, "-->", from: index + 4) else { note("a comment is not closed"); break }
                index = end + 3
                continue
            }
            if starts(bytes, at: index, with: "<!") {
                index = (find(bytes, ">", from: index) ?? bytes.count) + 1
                continue
            }
            let isEnd = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")
            let nameStart = index + (isEnd ? 2 : 1)
            guard nameStart < bytes.count, isLetter(bytes[nameStart]) else {
                note("a bare '<' in text at byte \(index)")
                index += 1
                continue
            }
            guard let (element, end) = parseTag(bytes, nameStart: nameStart) else { note("a tag is not closed at byte \(index)"); break }
            index = end
            if isEnd {
                guard let top = open.last else { note("</\(element.name)> closes nothing"); continue }
                if top != element.name {
                    note("</\(element.name)> closes <\(top)> (open: \(open.suffix(4).joined(separator: " ")))")
                    if let match = open.lastIndex(of: element.name) { open.removeSubrange(match...) }
                } else {
                    open.removeLast()
                }
                continue
            }
            if let allowed {
                if let attributes = allowed[element.name] {
                    for attribute in element.attributes where !attributes.contains(attribute.name) {
                        note("attribute '\(attribute.name)' on <\(element.name)> is none the body writer makes")
                    }
                } else {
                    note("element <\(element.name)> is none the body writer makes")
                }
            }
            for attribute in element.attributes {
                if attribute.name.hasPrefix("on") { note("event handler '\(attribute.name)' on <\(element.name)>") }
                if ["href", "src", "action", "formaction", "srcset", "poster", "data"].contains(attribute.name), let scheme = unsafeScheme(attribute.value) {
                    note("\(scheme) URL in \(attribute.name) of <\(element.name)>")
                }
            }
            if let id = element.attribute("id") { found.all.append(id) }
            if element.name == "a", open.contains("a") { note("a link inside a link") }
            if let href = element.attribute("href") {
                if href.hasPrefix("#") {
                    fragmentLinks.append(String(href.dropFirst()))
                } else if !href.contains(":"), href.contains("#") || href.hasSuffix(".html") {
                    found.crossPageLinks.append(href)
                }
            }
            if element.name == "script" || element.name == "style" {
                // Their text is not HTML: skip to the end tag.
                guard let close = find(bytes, "</\(element.name)", from: index) else { note("<\(element.name)> is not closed"); break }
                index = close
                open.append(element.name)
                continue
            }
            if !voidElements.contains(element.name), !element.selfClosing { open.append(element.name) }
        }
        if !open.isEmpty { note("not closed at the end: \(open.suffix(6).joined(separator: " "))") }
        var seen: Set<String> = []
        for id in found.all where !seen.insert(id).inserted { note("id '\(id)' is used twice") }
        // `#` alone is the top of the page in every browser: it needs no id.
        for fragment in fragmentLinks where !fragment.isEmpty && !seen.contains(fragment.percentDecodedLeniently) {
            note("link '#\(fragment)' names no id on the page")
        }
        return found
    }

    /// The tag whose name starts at `nameStart`: the element and the index after its `>`.
    static func parseTag(_ bytes: [UInt8], nameStart: Int) -> (Element, Int)? {
        var index = nameStart
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        var element = Element(name: String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased(), attributes: [], selfClosing: false)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (element, index + 1) }
            if byte == UInt8(ascii: "/") { element.selfClosing = true; index += 1; continue }
            if isSpace(byte) { index += 1; continue }
            let start = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") { index += 1 }
            let name = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    guard let close = bytes[(index + 1)...].firstIndex(of: quote) else { return nil }
                    value = decodeEntities(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                    index = close + 1
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = decodeEntities(String(decoding: bytes[valueStart..<index], as: UTF8.self))
                }
            }
            element.selfClosing = false
            element.attributes.append((name, value))
        }
        return nil
    }

    /// The scheme of a URL a browser would run or open from disk, as a browser reads it
    /// (control characters and spaces dropped, any case).
    static func unsafeScheme(_ url: String) -> String? {
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init)).lowercased()
        return ["javascript:", "vbscript:", "data:", "file:"].first { cleaned.hasPrefix($0) }
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else { result += "&"; rest = after.dropFirst(); continue }
            let name = after[after.index(after: amp)..<semicolon]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "#39": "'"]
            if let value = named[name] {
                result += value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += after[...semicolon]
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    /// `target` (a relative URL without its fragment) from the page at `page`, as a path from
    /// the site's root; an empty target is the page itself.
    static func resolve(_ target: String, from page: String) -> String {
        guard !target.isEmpty else { return page }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    static func starts(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
        let needle = Array(text.utf8)
        return index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    static func find(_ bytes: [UInt8], _ text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        guard let first = needle.first, start <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
}
