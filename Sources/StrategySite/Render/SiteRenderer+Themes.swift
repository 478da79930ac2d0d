/// Theme pages (one column per strategy) and the theme × document matrix.
extension SiteRenderer {
    func renderTheme(_ id: String) -> RenderedPage {
        let path = SitePaths.theme(id)
        guard let theme = site.theme(id) else { return RenderedPage(path: path, contents: "", template: "theme") }
        let references = sections(onTheme: id)
        let columns = site.config.strategies.map { strategy -> [String: Any] in
            let inStrategy = references.filter { $0.strategy == strategy.id }
            let bySlug = Dictionary(grouping: inStrategy, by: \.slug)
            var groups: [[String: Any]] = []
            for document in documentList(in: strategy.id) {
                let sections = (bySlug[document.slug] ?? []).compactMap { sectionSummary($0, from: path) }
                guard !sections.isEmpty else { continue }
                groups.append([
                    "documentTitle": document.metadata.title, "documentHref": link(SitePaths.document(document.slug), from: path),
                    "anchor": "in-" + document.slug, "sections": sections, "type": document.metadata.type,
                ])
            }
            return [
                "id": "strategy-" + Slugger.slug(strategy.id), "title": strategy.shortTitle, "ownName": theme.names[strategy.id] ?? "",
                "groups": groups, "isEmpty": groups.isEmpty, "count": inStrategy.count,
            ]
        }
        return page(path, template: "theme", title: theme.title, ["theme": [
            "id": theme.id, "title": theme.title, "summary": theme.summary, "columns": columns,
        ] as [String: Any]])
    }

    func renderThemeIndex() -> RenderedPage {
        let path = SitePaths.themes
        let documents = documentList()
        let rows = site.themes.map { theme -> [String: Any] in
            let references = sections(onTheme: theme.id)
            let counts = references.reduce(into: [String: Int]()) { $0[$1.slug, default: 0] += 1 }
            let cells = documents.map { document -> [String: Any] in
                let count = counts[document.slug] ?? 0
                return ["count": count, "hasSections": count > 0,
                        "href": link(SitePaths.theme(theme.id) + "#in-" + document.slug, from: path),
                        "label": "\(count) section\(count == 1 ? "" : "s") of \(document.metadata.title) on \(theme.title)"]
            }
            return ["title": theme.title, "summary": theme.summary, "href": link(SitePaths.theme(theme.id), from: path),
                    "cells": cells, "total": references.count]
        }
        let columns = documents.map { document -> [String: Any] in
            ["title": document.metadata.title, "strategy": strategyShortTitle(document.metadata.strategy),
             "year": String(document.metadata.published.year), "href": link(SitePaths.document(document.slug), from: path)]
        }
        return page(path, template: "themes", title: "Themes", ["rows": rows, "columns": columns])
    }
}
