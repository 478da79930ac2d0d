/// The home page's timeline of documents, drawn as SVG at build time from the content.
///
/// Each point links to its document; the same entries are also given to the template as a
/// list, which is the text equivalent for screen readers and print. Past ``markLimit``
/// documents the marks and their labels would pile up, so the timeline counts documents per
/// year instead, as bars and as a list of years.
struct Timeline {
    var documents: [DocumentDetails]
    var config: SiteConfig
    var from: String

    /// The most documents the timeline marks one by one.
    static let markLimit = 40

    var countsPerYear: Bool { documents.count > Self.markLimit }

    /// Each year from the first document's to the last's, with how many were published in it.
    var years: [HomePage.TimelineYear] {
        guard countsPerYear, let first = documents.map(\.metadata.published.year).min(), let last = documents.map(\.metadata.published.year).max() else { return [] }
        let counts = documents.reduce(into: [Int: Int]()) { $0[$1.metadata.published.year, default: 0] += 1 }
        return (first...last).map { HomePage.TimelineYear(year: $0, count: counts[$0] ?? 0) }
    }

    var entries: [HomePage.TimelineEntry] {
        guard !countsPerYear else { return [] }
        return documents.map { document in
            HomePage.TimelineEntry(
                title: document.metadata.title, date: document.metadata.published.description,
                dateISO: document.metadata.published.iso, type: document.metadata.type,
                strategy: config.strategy(document.metadata.strategy)?.shortTitle ?? document.metadata.strategy,
                href: SitePaths.relative(SitePaths.document(document.slug), from: from))
        }
    }

    func svg() -> String {
        guard let first = documents.map(\.metadata.published.decimalYear).min(),
              let last = documents.map(\.metadata.published.decimalYear).max() else { return "" }
        let startYear = Int(first.rounded(.down)), endYear = Int(last.rounded(.down)) + 1
        let width = 900.0, left = 40.0, right = 40.0, axisY = 60.0
        let span = Double(max(endYear - startYear, 1))
        func x(_ year: Double) -> Double { left + (year - Double(startYear)) / span * (width - left - right) }
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(Int(width)) 230\" aria-hidden=\"true\" focusable=\"false\">"
        svg += "<line class=\"axis\" x1=\"\(Int(left))\" y1=\"\(Int(axisY))\" x2=\"\(Int(width - right))\" y2=\"\(Int(axisY))\"></line>"
        for year in startYear...endYear {
            let position = Int(x(Double(year)))
            svg += "<line class=\"tick\" x1=\"\(position)\" y1=\"\(Int(axisY) - 5)\" x2=\"\(position)\" y2=\"\(Int(axisY) + 5)\"></line>"
            // Over twenty years, every fifth is named, so the names do not run together.
            guard endYear - startYear <= 20 || year % 5 == 0 else { continue }
            svg += "<text class=\"year\" x=\"\(position)\" y=\"\(Int(axisY) - 12)\" text-anchor=\"middle\">\(year)</text>"
        }
        if countsPerYear {
            let years = self.years, most = Double(years.map(\.count).max() ?? 1)
            for year in years where year.count > 0 {
                let height = max(2, 140 * Double(year.count) / most)
                let position = x(Double(year.year) + 0.5)
                svg += "<rect class=\"bar\" x=\"\(Int(position) - 12)\" y=\"\(Int(axisY) + 6)\" width=\"24\" height=\"\(Int(height))\"></rect>"
                svg += "<text class=\"label\" x=\"\(Int(position))\" y=\"\(Int(axisY + 22 + height))\" text-anchor=\"middle\">\(year.count)</text>"
            }
            return svg + "</svg>"
        }
        for (index, document) in documents.enumerated() {
            let position = Int(x(document.metadata.published.decimalYear))
            let labelY = Int(axisY) + 40 + (index % 4) * 36
            let href = HTML.escapeURL(SitePaths.relative(SitePaths.document(document.slug), from: from))
            let label = HTML.escape(Self.shortLabel(document))
            svg += "<a href=\"\(href)\" tabindex=\"-1\"><circle class=\"point strategy-\(HTML.escape(Slugger.slug(document.metadata.strategy)))\" cx=\"\(position)\" cy=\"\(Int(axisY))\" r=\"8\"></circle>"
            svg += "<line class=\"leader\" x1=\"\(position)\" y1=\"\(Int(axisY) + 8)\" x2=\"\(position)\" y2=\"\(labelY - 14)\"></line>"
            let anchor = position > Int(width) - 200 ? "end" : position < 200 ? "start" : "middle"
            svg += "<text class=\"label\" x=\"\(position)\" y=\"\(labelY)\" text-anchor=\"\(anchor)\">\(label)</text></a>"
        }
        return svg + "</svg>"
    }

    /// Type and year, short enough to fit on the line ("Briefing, 2017").
    static func shortLabel(_ document: DocumentDetails) -> String {
        let type = document.metadata.type.isEmpty ? document.metadata.title : document.metadata.type
        return "\(type), \(document.metadata.published.description)"
    }
}
