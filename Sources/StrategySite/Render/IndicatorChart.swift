/// A small bar chart of an indicator's values over time, drawn as inline SVG at build time so
/// it needs no script and prints. Drawn only when there are two or more numeric values in the
/// same unit: "£6.5 million" and "£6.5 billion" are not bars on one scale.
struct IndicatorChart {
    var indicator: Indicator

    var points: [(label: String, value: Double, text: String)] {
        indicator.values.compactMap { value in value.number.map { (value.date, $0, value.value) } }
    }

    var textAlternative: String {
        let list = points.map { "\($0.label): \($0.text)" }.joined(separator: "; ")
        return "\(indicator.code.isEmpty ? indicator.title : indicator.code) over time. \(list)."
    }

    /// What surrounds the number ("£ billion", "%"), lower-cased: values compare only within one unit.
    static func unit(_ value: String) -> String {
        value.lowercased().filter { !($0.isNumber || $0 == "." || $0 == "," || $0.isWhitespace) }
    }

    func svg() -> String? {
        let points = points
        guard points.count >= 2, Set(points.map { Self.unit($0.text) }).count == 1, let maximum = points.map(\.value).max(), maximum > 0 else { return nil }
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
