/// "Print this strategy": each strategy's documents on one page, in order, under one contents
/// list, so a reader prints or saves the strategy as one document. A strategy whose bodies
/// would make a page larger than ``printVolumeBytes`` is printed in volumes
/// (`strategies/print/2010.html`, `strategies/print/2010/2.html`, …), each holding the next
/// documents in order that fit, so no page grows with the library.
extension SiteRenderer {
    /// The body bytes a volume takes before the next document starts a new one: with the
    /// page's own markup, a volume stays well under the 512 KB every page keeps to. A
    /// document larger than this alone is a volume of its own.
    static let printVolumeBytes = 384 * 1024

    /// The documents of each volume, as offsets into `sizes` (each document's body bytes):
    /// in order, a new volume where the next document would pass the budget.
    static func printVolumes(_ sizes: [Int], budget: Int = printVolumeBytes) -> [Range<Int>] {
        var volumes: [Range<Int>] = []
        var start = 0, bytes = 0
        for (index, size) in sizes.enumerated() {
            if index > start, bytes + size > budget {
                volumes.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < sizes.count || volumes.isEmpty { volumes.append(start..<sizes.count) }
        return volumes
    }

    func renderPrint(_ id: String) -> [RenderedPage] {
        guard let strategy = site.config.strategy(id) else { return [] }
        let documents = documentList(in: id).compactMap { wholeDocument($0.slug) }
        let volumes = Self.printVolumes(documents.map(\.body.html.count))
        // One volume is one item of the pager: its paths and its links between volumes.
        let pager = Pager(path: SitePaths.print(id), count: volumes.count, size: 1)
        // A kept volume is not rendered, but it was made with these templates all the same.
        recordReads(of: .print)
        return pager.pages.map { number in
            let path = pager.path(ofPage: number)
            // Under `serve`, a volume none of whose documents changed is the page it was.
            let fingerprint = [number, volumes.count] + documents[volumes[number - 1]].map(\.revision)
            let make = { renderPrintVolume(strategy, documents[volumes[number - 1]], pager: pager, number: number) }
            return documentParts?.page(path, fingerprint: fingerprint, make) ?? make()
        }
    }

    private func renderPrintVolume(_ strategy: Strategy, _ documents: ArraySlice<ParsedDocument>, pager: Pager, number: Int) -> RenderedPage {
        let id = strategy.id
        let path = pager.path(ofPage: number)
        // Every volume is at the same depth, so a body reads the same in any of them.
        let volume = PrintVolume(toDocuments: SitePaths.root(from: path) + "documents/")
        let entries = documents.map { document -> PrintPage.Document in
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
