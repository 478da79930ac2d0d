/// A small bar chart of one series of an indicator's values, drawn as inline SVG at build time
/// so it needs no script and prints.
///
/// A chart compares only like with like: the values of one `series`, written in one document,
/// each with a period the source gives, all numbers in one unit. A figure from a talk is never
/// set against a survey year from another document, and "£6.5 million" and "£6.5 billion" are
/// not bars on one scale. Values without a series are listed, never drawn.
struct IndicatorChart {
    var indicator: Indicator
    var series: String
    var values: [Indicator.Value]

    /// Every series of the indicator that can be drawn, in the order first written.
    static func charts(for indicator: Indicator) -> [IndicatorChart] {
        seriesNames(indicator).compactMap { name in
            let chart = IndicatorChart(indicator: indicator, series: name, values: indicator.values.filter { $0.series == name })
            return chart.problem == nil ? chart : nil
        }
    }

    /// Why each named series of the indicator cannot be drawn, with the first value's location.
    static func problems(for indicator: Indicator) -> [(message: String, location: SourceLocation)] {
        seriesNames(indicator).compactMap { name in
            let chart = IndicatorChart(indicator: indicator, series: name, values: indicator.values.filter { $0.series == name })
            guard let problem = chart.problem, let first = chart.values.first else { return nil }
            return ("series '\(name)' of indicator '\(indicator.id)' is not drawn: \(problem)", first.location)
        }
    }

    private static func seriesNames(_ indicator: Indicator) -> [String] {
        indicator.values.map(\.series).filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Why the series is not drawn, or nil when it is.
    var problem: String? {
        if values.count < 2 { return "it has one value" }
        if values.contains(where: { $0.number == nil }) { return "not every value is a number" }
        if values.contains(where: { !$0.hasPeriod }) { return "not every value has a period" }
        if Set(values.map { $0.place?.slug ?? $0.source }).count > 1 { return "its values come from more than one document" }
        if Set(values.map { Self.unit($0.value) }).count > 1 { return "its values are not in one unit" }
        return nil
    }

    var points: [(label: String, value: Double, text: String)] {
        values.compactMap { value in value.number.map { (value.date, $0, value.value) } }
    }

    var textAlternative: String {
        let list = points.map { "\($0.label): \($0.text)" }.joined(separator: "; ")
        return "\(indicator.code.isEmpty ? indicator.title : indicator.code), \(series). \(list)."
    }

    /// What surrounds the number ("£ billion", "%"), lower-cased and with "million" and
    /// "billion" written as "m" and "bn": values compare only within one unit.
    static func unit(_ value: String) -> String {
        let words = value.lowercased().replacingOccurrences(of: "million", with: "m").replacingOccurrences(of: "billion", with: "bn")
        return words.filter { !($0.isNumber || $0 == "." || $0 == "," || $0.isWhitespace) }
    }

    func svg() -> String? {
        let points = points
        guard problem == nil, let maximum = points.map(\.value).max(), maximum > 0 else { return nil }
        // Each bar's slot is wide enough for its longest label, so labels never overlap.
        let longestLabel = points.map { max($0.label.count, $0.text.count) }.max() ?? 0
        let slot = max(64.0, 7.0 * Double(longestLabel) + 8)
        let barWidth = min(48.0, slot - 16), gap = slot - barWidth, height = 120.0, top = 20.0, bottom = 24.0
        let width = Double(points.count) * slot + gap
        // The figure's caption is the text alternative; the drawing itself is hidden from
        // screen readers so they do not read the same figures twice.
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height + top + bottom))\" aria-hidden=\"true\" focusable=\"false\">"
        for (index, point) in points.enumerated() {
            let barHeight = max(1, point.value / maximum * height)
            let x = gap + Double(index) * slot
            let y = top + height - barHeight
            svg += "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(barWidth))\" height=\"\(format(barHeight))\"></rect>"
            svg += "<text x=\"\(format(x + barWidth / 2))\" y=\"\(format(y - 5))\" text-anchor=\"middle\">\(HTML.escape(point.text))</text>"
            svg += "<text x=\"\(format(x + barWidth / 2))\" y=\"\(format(top + height + 16))\" text-anchor=\"middle\">\(HTML.escape(point.label))</text>"
        }
        return svg + "</svg>"
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
