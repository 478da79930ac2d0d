/// "Print this strategy": each strategy's documents on one page, in order, under one contents
/// list, so a reader prints or saves the strategy as one document. Past `page-size` documents
/// the strategy is printed in volumes (`strategies/print/2010/2.html`), so no page grows
/// with the library.
extension SiteRenderer {
    func renderPrint(_ id: String) -> [RenderedPage] {
        guard let strategy = site.config.strategy(id) else { return [] }
        let documents = documentList(in: id)
        let pager = Pager(path: SitePaths.print(id), count: documents.count, size: site.config.pageSize)
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            let details = documents[pager.range(ofPage: number)]
            // Every volume is at the same depth, so a body reads the same in any of them.
            let volume = PrintVolume(toDocuments: SitePaths.root(from: path) + "documents/")
            let entries = details.compactMap { detail -> PrintPage.Document? in
                guard let document = wholeDocument(detail.slug) else { return nil }
                let meta = document.metadata
                let make = { String(decoding: volume.rewrite(document.body.html, slug: document.slug), as: UTF8.self) }
                let toc = tableOfContents(document).map { entry in
                    var entry = entry
                    entry.anchor = PrintVolume.anchor(document.slug, entry.anchor)
                    entry.children = entry.children.map { child in
                        var child = child
                        child.anchor = PrintVolume.anchor(document.slug, child.anchor)
                        return child
                    }
                    return entry
                }
                return PrintPage.Document(
                    anchor: PrintVolume.anchor(document.slug, nil), title: meta.title, type: meta.type,
                    published: meta.published.description, publishedISO: meta.published.iso, publisher: meta.publisher, author: meta.author,
                    href: link(SitePaths.document(document.slug), from: path), citation: citation(document).text(),
                    toc: toc, bodyHTML: documentParts?.part(.printBody, of: document.slug, revision: document.revision, make) ?? make())
            }
            let navigation = pager.navigation(onPage: number, label: "Volumes of the \(strategy.shortTitle) for print")
            let title = "\(strategy.title): all its documents"
            return page(path, template: .print, title: title,
                        PrintPage(title: title, strategyHref: link(SitePaths.strategy(id), from: path), documents: entries, pager: navigation),
                        pagination: navigation)
        }
    }
}
