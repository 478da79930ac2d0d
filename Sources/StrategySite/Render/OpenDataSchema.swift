/// The documented shape of the open data files (``SiteRenderer/renderOpenData()``): a JSON
/// Schema (draft 2020-12) for `data/indicators.json` and CSVW metadata for the two CSV files.
/// They are part of the published contract, so they are written by the build, not taken
/// from `Templates/`, where an edit could make them disagree with the files.
enum OpenDataSchema {
    struct Column {
        var name: String
        var datatype: String
        var title: String
    }

    static let indicatorColumns = [
        Column(name: "id", datatype: "string", title: "The indicator's id, as in its page's address"),
        Column(name: "code", datatype: "string", title: "Its code as the documents write it (NI 149, PSA 25); empty for a figure without one"),
        Column(name: "title", datatype: "string", title: "Title"),
        Column(name: "strategy", datatype: "string", title: "The strategy it belongs to (a key of site.yml)"),
        Column(name: "kind", datatype: "string", title: "psa, national-indicator, outcome, measure or figure"),
        Column(name: "parent", datatype: "string", title: "The id of the PSA or group it sits under; empty for none"),
        Column(name: "themes", datatype: "string", title: "Theme ids, separated by spaces"),
        Column(name: "aliases", datatype: "string", title: "Other written forms of its code, separated by |"),
        Column(name: "local_monitoring", datatype: "string", title: "The source's idea for local monitoring"),
        Column(name: "related", datatype: "string", title: "Ids of the same idea in other strategies, separated by spaces"),
        Column(name: "page", datatype: "string", title: "Its page: absolute with the site's base URL, else from the site's root"),
    ]

    static let valueColumns = [
        Column(name: "indicator_id", datatype: "string", title: "The indicator the value is of"),
        Column(name: "indicator_code", datatype: "string", title: "Its code"),
        Column(name: "value", datatype: "string", title: "The value as the source writes it (8.8%, £408m)"),
        Column(name: "number", datatype: "decimal", title: "The first number in the value, in the value's own units and scale (1.5 for £1.5 billion); empty for none"),
        Column(name: "period", datatype: "string", title: "The period the source gives the value for (2010/11); empty where it gives none"),
        Column(name: "note", datatype: "string", title: "What the value counts, in the source's words"),
        Column(name: "editorial_note", datatype: "string", title: "A note of the site's editors, not of the source"),
        Column(name: "series", datatype: "string", title: "The series of values of one measure it belongs to; empty for none"),
        Column(name: "source", datatype: "string", title: "Where it is written, as indicators.yml names it (doc:slug#anchor)"),
        Column(name: "source_url", datatype: "string", title: "That place's address: absolute with the site's base URL, else from the site's root"),
    ]

    static let csvMetadata: String = {
        func table(_ url: String, _ columns: [Column], key: String?) -> String {
            let described = columns.map { column in
                "        { \"name\": \"\(column.name)\", \"titles\": \"\(column.name)\", \"datatype\": \"\(column.datatype)\", "
                    + "\"dc:description\": \"\(column.title)\"" + (column.datatype == "decimal" ? ", \"null\": \"\"" : "") + " }"
            }.joined(separator: ",\n")
            return "    {\n      \"url\": \"\(url)\",\n      \"tableSchema\": {\n        \"columns\": [\n\(described)\n        ]"
                + (key.map { ",\n        \"primaryKey\": \"\($0)\"" } ?? "") + "\n      }\n    }"
        }
        return "{\n  \"@context\": \"http://www.w3.org/ns/csvw\",\n  \"dialect\": { \"header\": true, \"lineTerminators\": [\"\\r\\n\"] },\n  \"tables\": [\n"
            + table("indicators.csv", indicatorColumns, key: "id") + ",\n" + table("indicator-values.csv", valueColumns, key: nil) + "\n  ]\n}\n"
    }()

    static let jsonSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "Indicators and their figures",
      "description": "Every indicator of the site's indicators.yml, with each value as the source writes it and where it is written.",
      "type": "object",
      "required": ["site", "baseURL", "indicators"],
      "additionalProperties": false,
      "properties": {
        "$schema": { "type": "string" },
        "site": { "type": "string", "description": "The site's title." },
        "baseURL": { "type": ["string", "null"], "description": "The address the site is published at; null when the build had none, and then every address below is from the site's root." },
        "indicators": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "code", "title", "strategy", "kind", "parent", "themes", "aliases", "localMonitoring", "related", "page", "values"],
            "additionalProperties": false,
            "properties": {
              "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
              "code": { "type": "string", "description": "As the documents write it; empty for a figure without one." },
              "title": { "type": "string" },
              "strategy": { "type": "string" },
              "kind": { "enum": ["psa", "national-indicator", "outcome", "measure", "figure"] },
              "parent": { "type": ["string", "null"] },
              "themes": { "type": "array", "items": { "type": "string" } },
              "aliases": { "type": "array", "items": { "type": "string" } },
              "localMonitoring": { "type": "string" },
              "related": { "type": "array", "items": { "type": "string" } },
              "page": { "type": "string" },
              "values": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["value", "number", "period", "note", "editorialNote", "series", "source", "sourceURL"],
                  "additionalProperties": false,
                  "properties": {
                    "value": { "type": "string", "description": "As the source writes it." },
                    "number": { "type": ["number", "null"], "description": "The first number in the value, in its own units and scale." },
                    "period": { "type": ["string", "null"], "description": "The period the source gives it for; null where it gives none." },
                    "note": { "type": "string", "description": "What it counts, in the source's words." },
                    "editorialNote": { "type": "string" },
                    "series": { "type": "string" },
                    "source": { "type": "string", "description": "Where it is written: doc:slug#anchor." },
                    "sourceURL": { "type": "string", "description": "That place's address; empty when the source names no place on the site." }
                  }
                }
              }
            }
          }
        }
      }
    }

    """#
}
