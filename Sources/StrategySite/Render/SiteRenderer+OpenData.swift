import Foundation

/// The indicators and every figure as open data: JSON with a JSON Schema, and two CSV files
/// described by CSVW metadata, under `data/`, linked from the lookup. They hold what
/// indicators.yml says and where each figure is written, nothing the pages compute, so a
/// researcher can check a figure against its sentence without scraping HTML.
extension SiteRenderer {
    func renderOpenData() -> [RenderedPage] {
        [
            RenderedPage(path: SitePaths.OpenData.json, contents: openDataJSON(), template: ""),
            RenderedPage(path: SitePaths.OpenData.jsonSchema, contents: OpenDataSchema.jsonSchema, template: ""),
            RenderedPage(path: SitePaths.OpenData.indicatorsCSV, contents: indicatorsCSV(), template: ""),
            RenderedPage(path: SitePaths.OpenData.valuesCSV, contents: valuesCSV(), template: ""),
            RenderedPage(path: SitePaths.OpenData.csvMetadata, contents: OpenDataSchema.csvMetadata, template: ""),
        ]
    }

    /// Where a value is written: the page and passage of its `doc:` source, absolute with a
    /// base URL and from the site's root without one; empty when its source is no `doc:` place.
    func sourceURL(of value: Indicator.Value) -> String {
        guard let place = value.place, !place.slug.isEmpty else { return "" }
        let path = SitePaths.document(place.slug) + (place.anchor.isEmpty ? "" : "#" + place.anchor)
        return absoluteURL(path) ?? path
    }

    func pageURL(of indicator: Indicator) -> String {
        absoluteURL(SitePaths.indicator(indicator.id)) ?? SitePaths.indicator(indicator.id)
    }

    func openDataJSON() -> String {
        var json = JSONWriter(capacity: 1 << 16)
        json.beginObject()
        json.field("$schema", "indicators.schema.json")
        json.field("site", site.config.title)
        json.key("baseURL")
        if let base = site.config.baseURL { json.string(base) } else { json.value(raw: "null") }
        json.key("indicators")
        json.beginArray()
        for indicator in site.indicators {
            json.beginObject()
            json.field("id", indicator.id)
            json.field("code", indicator.code)
            json.field("title", indicator.title)
            json.field("strategy", indicator.strategy)
            json.field("kind", indicator.kind.rawValue)
            json.key("parent")
            if let parent = indicator.parent { json.string(parent) } else { json.value(raw: "null") }
            json.key("themes"); Self.strings(indicator.themes, into: &json)
            json.key("aliases"); Self.strings(indicator.aliases, into: &json)
            json.field("localMonitoring", indicator.localMonitoring)
            json.key("related"); Self.strings(indicator.related, into: &json)
            json.field("page", pageURL(of: indicator))
            json.key("values")
            json.beginArray()
            for value in indicator.values {
                json.beginObject()
                json.field("value", value.value)
                json.key("number")
                if let number = value.number { json.value(raw: Self.decimal(number)) } else { json.value(raw: "null") }
                json.key("period")
                if value.hasPeriod { json.string(value.date) } else { json.value(raw: "null") }
                json.field("note", value.note)
                json.field("editorialNote", value.editorial)
                json.field("series", value.series)
                json.field("source", value.source)
                json.field("sourceURL", sourceURL(of: value))
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.raw("\n")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    func indicatorsCSV() -> String {
        var rows = [OpenDataSchema.indicatorColumns.map(\.name)]
        for indicator in site.indicators {
            rows.append([indicator.id, indicator.code, indicator.title, indicator.strategy, indicator.kind.rawValue, indicator.parent ?? "",
                         indicator.themes.joined(separator: " "), indicator.aliases.joined(separator: "|"), indicator.localMonitoring,
                         indicator.related.joined(separator: " "), pageURL(of: indicator)])
        }
        return CSV.text(rows)
    }

    func valuesCSV() -> String {
        var rows = [OpenDataSchema.valueColumns.map(\.name)]
        for indicator in site.indicators {
            for value in indicator.values {
                rows.append([indicator.id, indicator.code, value.value, value.number.map(Self.decimal) ?? "", value.hasPeriod ? value.date : "",
                             value.note, value.editorial, value.series, value.source, sourceURL(of: value)])
            }
        }
        return CSV.text(rows)
    }

    private static func strings(_ values: [String], into json: inout JSONWriter) {
        json.beginArray()
        for value in values { json.string(value) }
        json.endArray()
    }

    /// A number as JSON and CSV write it: no exponent, no trailing `.0`.
    static func decimal(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// RFC 4180 text: fields with a comma, a quote or a line break quoted, quotes doubled, lines
/// ended by CRLF.
enum CSV {
    static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
