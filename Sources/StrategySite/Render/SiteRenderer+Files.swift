import Foundation

/// Files beside the pages: the data scripts for search and lookup (scripts, not JSON, so
/// they load from `file://` where browsers refuse to fetch local files), and, when the site
/// has a base URL, the sitemap, robots.txt and Atom feed.
extension SiteRenderer {
    /// The search index in shards (``SearchIndexWriter``). `build` writes every file; under
    /// `serve` the index is kept (``SearchFragments``) and a rebuild puts the edited documents
    /// in place and writes only the files of the terms and documents that changed, with the
    /// manifest.
    func renderSearchData() -> [RenderedPage] {
        // Read (and recorded) whether or not the files are written again.
        for slug in documentSlugs() {
            record(.card(slug))
            record(.text(slug))
        }
        let writer = SearchIndexWriter(site: site)
        guard let kept = searchFragments else {
            let index = writer.buildIndex()
            return writer.files(index, shardCount: SearchIndexWriter.shardCount(for: index), changedTerms: nil, changedDocuments: nil)
        }
        return kept.update { state in
            // A document that came or went renumbers the documents: everything is written.
            guard var current = state, Set(current.revisions.keys) == Set(site.documents.map(\.slug)) else {
                let index = writer.buildIndex()
                let count = SearchIndexWriter.shardCount(for: index)
                state = .init(index: index, revisions: Dictionary(site.documents.map { ($0.slug, $0.revision) }, uniquingKeysWith: { a, _ in a }),
                              shardCount: count, paths: writer.paths(index, shardCount: count))
                return writer.files(index, shardCount: count, changedTerms: nil, changedDocuments: nil)
            }
            var terms: Set<String> = []
            var documents: Set<String> = []
            for document in site.documents where current.revisions[document.slug] != document.revision {
                terms.formUnion(current.index.replace(document))
                current.revisions[document.slug] = document.revision
                documents.insert(document.slug)
            }
            let count = SearchIndexWriter.shardCount(for: current.index)
            let resharded = count != current.shardCount
            current.shardCount = count
            current.paths = writer.paths(current.index, shardCount: count)
            state = current
            return writer.files(current.index, shardCount: count, changedTerms: resharded ? nil : terms,
                                changedDocuments: resharded ? nil : documents)
        }
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
        paths += site.themes.map { SitePaths.theme($0.id) }
        paths += site.indicators.map { SitePaths.indicator($0.id) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(HTML.escape(base + path))</loc></url>\n" }
        // A document's page says when it last changed, from its recorded updates.
        for document in documents {
            xml += "  <url><loc>\(HTML.escape(base + SitePaths.document(document.slug)))</loc>"
            xml += "<lastmod>\(document.metadata.lastUpdated.iso)</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func feed(base: String, documents: [DocumentDetails]) -> String {
        // `updated` is when a document last changed as its editors recorded it (`updated:` in
        // its front matter), never the day of the build, so a feed reader sees a change only
        // when there is one.
        let newest = documents.map(\.metadata.lastUpdated).max() ?? PublicationDate(year: 2000)
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
            xml += "    <link href=\"\(url)\"/>\n    <updated>\(timestamp(document.metadata.lastUpdated))</updated>\n"
            xml += "    <published>\(timestamp(document.metadata.published))</published>\n"
            let by = document.metadata.author.isEmpty ? document.metadata.publisher : document.metadata.author
            if !by.isEmpty { xml += "    <author><name>\(HTML.escape(by))</name></author>\n" }
            xml += "    <summary>\(HTML.escape(document.metadata.summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
