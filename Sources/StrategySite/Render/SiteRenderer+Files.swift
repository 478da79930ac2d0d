import Foundation

/// Files beside the pages: the data scripts for search and lookup (scripts, not JSON, so
/// they load from `file://` where browsers refuse to fetch local files), and, when the site
/// has a base URL, the sitemap, robots.txt and Atom feed.
extension SiteRenderer {
    /// The search data: one entry per document, section and indicator, in parts: the entries
    /// of each document are one part (kept by `serve` between rebuilds, ``SearchFragments``).
    /// URLs are relative to the site root; keys are in alphabetical order, as the scripts have
    /// always had them.
    func renderSearchData() -> RenderedPage {
        let comma = [UInt8(ascii: ",")]
        var parts: [[UInt8]] = [Array("window.STRATEGY_SITE_SEARCH = [".utf8)]
        for slug in documentSlugs() {
            guard let entries = searchEntries(of: slug) else { continue }
            if parts.count > 1 { parts.append(comma) }
            parts.append(entries)
        }
        var indicators = JSONWriter()
        for indicator in site.indicators {
            Self.searchEntry(&indicators, kind: "indicator", title: indicator.code.isEmpty ? indicator.title : "\(indicator.code): \(indicator.title)",
                             in: "Indicator lookup", url: SitePaths.indicator(indicator.id),
                             text: [indicator.localMonitoring, indicator.description].filter { !$0.isEmpty }.joined(separator: " "))
        }
        if !indicators.bytes.isEmpty {
            if parts.count > 1 { parts.append(comma) }
            parts.append(indicators.bytes)
        }
        parts.append(Array("];\n".utf8))
        searchFragments?.forgetRemoved(from: site)
        return RenderedPage(path: SitePaths.searchData, body: .parts(parts), template: "")
    }

    /// The lookup's data: the indicators only, from `indicators.yml`.
    func renderIndicatorData() -> RenderedPage {
        RenderedPage(path: SitePaths.indicatorData, contents: script("STRATEGY_SITE_INDICATORS", writeIndicatorEntries), template: "")
    }

    /// robots.txt, and with a base URL the sitemap and the Atom feed.
    func renderFeeds() -> [RenderedPage] {
        guard let base = site.config.baseURL else {
            return [RenderedPage(path: "robots.txt", contents: "User-agent: *\nAllow: /\n", template: "")]
        }
        let root = base.hasSuffix("/") ? base : base + "/"
        let documents = documentList()
        return [
            RenderedPage(path: "sitemap.xml", contents: sitemap(base: root, documents: documents), template: ""),
            RenderedPage(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(root)sitemap.xml\n", template: ""),
            RenderedPage(path: "feed.xml", contents: feed(base: root, documents: documents), template: ""),
        ]
    }

    /// `window.NAME = <json>;`, the JSON written as the entries are read.
    private func script(_ name: String, _ write: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter(capacity: 1 << 16)
        json.raw("window.\(name) = ")
        write(&json)
        json.raw(";\n")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// The entries of one document and its sections, comma-separated.
    private func searchEntries(of slug: String) -> [UInt8]? {
        // Read (and recorded) whether or not the entries are kept from before.
        record(.card(slug))
        record(.text(slug))
        guard let revision = site.revision(of: slug) else { return nil }
        let write = {
            guard let document = card(slug), let text = text(of: slug) else { return [UInt8]() }
            var own = JSONWriter()
            Self.searchEntry(&own, kind: "document", title: document.metadata.title, in: strategyShortTitle(document.metadata.strategy),
                             url: SitePaths.document(slug),
                             text: [document.metadata.summary, text.opening].filter { !$0.isEmpty }.joined(separator: " "))
            for (section, sectionText) in zip(document.sections, text.sections) {
                Self.searchEntry(&own, kind: "section", title: section.title, in: document.metadata.title,
                                 url: SitePaths.document(slug) + "#" + section.anchor, text: sectionText)
            }
            return own.bytes
        }
        return searchFragments.map { $0.entries(for: slug, revision: revision, write: write) } ?? write()
    }

    private static func searchEntry(_ json: inout JSONWriter, kind: String, title: String, in context: String, url: String, text: String) {
        json.beginObject()
        json.field("in", context)
        json.field("kind", kind)
        json.field("text", text)
        json.field("title", title)
        json.field("url", url)
        json.endObject()
    }

    func writeIndicatorEntries(_ json: inout JSONWriter) {
        json.beginArray()
        for indicator in site.indicators {
            json.beginObject()
            json.field("aliases", indicator.aliases)
            json.field("code", indicator.code)
            json.field("id", indicator.id)
            json.field("kind", indicator.kind.rawValue)
            json.field("strategy", indicator.strategy)
            json.field("text", [indicator.localMonitoring, indicator.description].joined(separator: " "))
            json.field("themes", indicator.themes)
            json.field("title", indicator.title)
            json.endObject()
        }
        json.endArray()
    }

    private func sitemap(base: String, documents: [DocumentDetails]) -> String {
        var paths = [SitePaths.home, SitePaths.themes, SitePaths.indicators, SitePaths.search, SitePaths.accessibility]
        paths += site.config.strategies.map { SitePaths.strategy($0.id) }
        paths += documents.map { SitePaths.document($0.slug) }
        paths += site.themes.map { SitePaths.theme($0.id) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(HTML.escape(base + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }

    private func feed(base: String, documents: [DocumentDetails]) -> String {
        let newest = documents.map(\.metadata.published).max() ?? PublicationDate(year: 2000)
        func timestamp(_ date: PublicationDate) -> String {
            "\(date.year)-\(String(date.month ?? 1).leftPadded(to: 2))-\(String(date.day ?? 1).leftPadded(to: 2))T00:00:00Z"
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(HTML.escape(site.config.title))</title>\n  <id>\(HTML.escape(base))</id>\n"
        xml += "  <link href=\"\(HTML.escape(base))\"/>\n  <link rel=\"self\" href=\"\(HTML.escape(base))feed.xml\"/>\n"
        xml += "  <updated>\(timestamp(newest))</updated>\n"
        // Atom needs an author for every entry: the feed's own stands in where a document
        // names neither an author nor a publisher.
        xml += "  <author><name>\(HTML.escape(site.config.title))</name></author>\n"
        for document in documents.sorted(by: { $0.metadata.published > $1.metadata.published }) {
            let url = HTML.escape(base + SitePaths.document(document.slug))
            xml += "  <entry>\n    <title>\(HTML.escape(document.metadata.title))</title>\n    <id>\(url)</id>\n"
            xml += "    <link href=\"\(url)\"/>\n    <updated>\(timestamp(document.metadata.published))</updated>\n"
            let by = document.metadata.author.isEmpty ? document.metadata.publisher : document.metadata.author
            if !by.isEmpty { xml += "    <author><name>\(HTML.escape(by))</name></author>\n" }
            xml += "    <summary>\(HTML.escape(document.metadata.summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
