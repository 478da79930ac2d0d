/// The model of `themes.mustache`: every theme, and the theme × document matrix.
struct ThemesPage: TemplateModel {
    struct Row: TemplateModel {
        var title: String
        var summary: String
        var href: String
        var cells: [Cell]
        var total: Int

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "summary": .text { $0.summary }, "href": .text { $0.href }, "cells": .list { $0.cells },
            "total": .number { $0.total },
        ]
    }

    /// How many sections of one document are on one theme.
    struct Cell: TemplateModel {
        var count: Int
        var href: String
        var label: String

        static let fields: [String: TemplateField<Self>] = [
            "count": .number { $0.count }, "hasSections": .flag { $0.count > 0 }, "href": .text { $0.href }, "label": .text { $0.label },
        ]
    }

    /// A document, as a column of the matrix.
    struct Column: TemplateModel {
        var title: String
        var strategy: String
        var year: String
        var href: String

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "strategy": .text { $0.strategy }, "year": .text { $0.year }, "href": .text { $0.href },
        ]
    }

    /// A strategy's ambitions and own themes, in its own words.
    struct Aims: TemplateModel {
        var title: String
        var href: String
        var ambitions: [String]
        var ownThemes: [String]

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "href": .text { $0.href }, "ambitions": .texts { $0.ambitions }, "ownThemes": .texts { $0.ownThemes },
            "hasAmbitions": .flag { !$0.ambitions.isEmpty }, "hasOwnThemes": .flag { !$0.ownThemes.isEmpty },
        ]
    }

    var rows: [Row]
    var columns: [Column]
    var strategies: [Aims] = []
    var pager: Pagination

    static let fields: [String: TemplateField<Self>] = ["rows": .list { $0.rows }, "columns": .list { $0.columns }, "strategies": .list { $0.strategies },
        "pager": .object { $0.pager }, "isFirstPage": .flag { $0.pager.current == 1 },
    ]
}
