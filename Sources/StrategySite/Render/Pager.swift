/// Splits a list that grows with the library over pages of a fixed size, each at a stable
/// address: the first at the list's own path (`themes/recovery.html`), page *n* beside it in
/// a folder of the same name (`themes/recovery/2.html`). A list that fits one page is one page
/// at its own path, so a small site reads as if there were no pager.
struct Pager: Sendable {
    /// The first page's site path.
    let path: String
    /// How many items the list has.
    let count: Int
    /// Items per page.
    let size: Int

    init(path: String, count: Int, size: Int) {
        self.path = path
        self.count = count
        self.size = max(size, 1)
    }

    var pageCount: Int { max(1, (count + size - 1) / size) }
    var pages: ClosedRange<Int> { 1...pageCount }

    /// The site path of page `number` (from 1).
    func path(ofPage number: Int) -> String {
        guard number > 1 else { return path }
        let stem = path.hasSuffix(".html") ? String(path.dropLast(5)) : path
        return "\(stem)/\(number).html"
    }

    /// The items of page `number`, as offsets into the list.
    func range(ofPage number: Int) -> Range<Int> {
        let start = min((number - 1) * size, count)
        return start..<min(start + size, count)
    }

    /// The page that shows item `offset`.
    func page(of offset: Int) -> Int { min(offset / size, pageCount - 1) + 1 }

    /// The site path of the page that shows item `offset`.
    func path(of offset: Int) -> String { path(ofPage: page(of: offset)) }

    /// The pager's links as seen from page `number`: previous, next, and a list of pages that
    /// stays short however many there are (the first, the last, and two either side of this
    /// one, with a gap marked where pages are left out).
    func navigation(onPage number: Int, label: String) -> Pagination {
        let here = path(ofPage: number)
        func href(_ page: Int) -> String { SitePaths.relative(path(ofPage: page), from: here) }
        var shown: [Pagination.Page] = []
        var last = 0
        for page in pages where page == 1 || page == pageCount || abs(page - number) <= 2 {
            if page > last + 1 { shown.append(Pagination.Page(number: 0, href: "", isCurrent: false, isGap: true)) }
            shown.append(Pagination.Page(number: page, href: href(page), isCurrent: page == number, isGap: false))
            last = page
        }
        return Pagination(
            label: label, current: number, total: pageCount,
            previousHref: number > 1 ? href(number - 1) : "", nextHref: number < pageCount ? href(number + 1) : "",
            pages: shown)
    }
}
