import Foundation

/// Files beside the pages: the data scripts for search and lookup (scripts, not JSON, so
/// they load from `file://` where browsers refuse to fetch local files), and, when the site
/// has a base URL, the sitemap, robots.txt and Atom feed.
extension SiteRenderer {
    func supportFiles() -> [RenderedPage] {
        var files = [
            RenderedPage(path: "search-index.js", contents: script("STRATEGY_SITE_SEARCH", searchEntries()), template: ""),
            RenderedPage(path: "indicators/indicators-data.js", contents: script("STRATEGY_SITE_INDICATORS", indicatorEntries()), template: ""),
        ]
        if let base = site.config.baseURL {
            let base = base.hasSuffix("/") ? base : base + "/"
            files.append(RenderedPage(path: "sitemap.xml", contents: sitemap(base: base), template: ""))
            files.append(RenderedPage(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(base)sitemap.xml\n", template: ""))
            files.append(RenderedPage(path: "feed.xml", contents: feed(base: base), template: ""))
        } else {
            files.append(RenderedPage(path: "robots.txt", contents: "User-agent: *\nAllow: /\n", template: ""))
        }
        return files
    }

    private func script(_ name: String, _ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return "window.\(name) = " + String(decoding: data, as: UTF8.self) + ";\n"
    }

    /// One entry per section and per indicator; URLs are relative to the site root.
    func searchEntries() -> [[String: String]] {
        var entries: [[String: String]] = []
        for document in site.documents {
            entries.append(["kind": "document", "title": document.metadata.title, "in": strategyShortTitle(document.metadata.strategy),
                            "url": SitePaths.document(document.slug),
                            "text": [document.metadata.summary, document.opening].filter { !$0.isEmpty }.joined(separator: " ")])
            for section in document.sections {
                entries.append(["kind": "section", "title": section.title, "in": document.metadata.title,
                                "url": SitePaths.document(document.slug) + "#" + section.anchor, "text": section.text])
            }
        }
        for indicator in site.indicators {
            entries.append(["kind": "indicator", "title": indicator.code.isEmpty ? indicator.title : "\(indicator.code): \(indicator.title)", "in": "Indicator lookup",
                            "url": SitePaths.indicator(indicator.id),
                            "text": [indicator.localMonitoring, indicator.description].filter { !$0.isEmpty }.joined(separator: " ")])
        }
        return entries
    }

    func indicatorEntries() -> [[String: Any]] {
        site.indicators.map { indicator in
            ["id": indicator.id, "code": indicator.code, "strategy": indicator.strategy, "kind": indicator.kind.rawValue,
             "title": indicator.title, "themes": indicator.themes, "aliases": indicator.aliases,
             "text": [indicator.localMonitoring, indicator.description].joined(separator: " ")]
        }
    }

    private func sitemap(base: String) -> String {
        var paths = [SitePaths.home, SitePaths.themes, SitePaths.indicators, SitePaths.search, SitePaths.accessibility]
        paths += site.config.strategies.map { SitePaths.strategy($0.id) }
        paths += site.documents.map { SitePaths.document($0.slug) }
        paths += site.themes.map { SitePaths.theme($0.id) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(HTML.escape(base + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }

    private func feed(base: String) -> String {
        let newest = site.documents.map(\.metadata.published).max() ?? PublicationDate(year: 2000)
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
        for document in site.documents.sorted(by: { $0.metadata.published > $1.metadata.published }) {
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
