/// The model of `theme.mustache`: one theme, a column per strategy of its sections, grouped
/// by document.
struct ThemePage: TemplateModel {
    struct Theme: TemplateModel {
        var id: String
        var title: String
        var summary: String
        var columns: [Column]
        /// Side by side: the latest strategy's sections with their counterparts.
        var aligned: [AlignedRow] = []
        var alignedStrategies: [StrategyName] = []
        var alignedTotal = 0

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "summary": .text { $0.summary }, "columns": .list { $0.columns },
            "aligned": .list { $0.aligned }, "hasAligned": .flag { !$0.aligned.isEmpty }, "alignedStrategies": .list { $0.alignedStrategies },
            "alignedTotal": .number { $0.alignedTotal }, "alignedShown": .number { $0.aligned.count },
            "alignedCut": .flag { $0.alignedTotal > $0.aligned.count },
        ]
    }

    struct StrategyName: TemplateModel {
        var title: String
        static let fields: [String: TemplateField<Self>] = ["title": .text { $0.title }]
    }

    /// One section of the latest strategy and, in the other strategies' cells, its best
    /// counterpart on the theme (none where it has none).
    struct AlignedRow: TemplateModel {
        var cells: [AlignedCell]
        static let fields: [String: TemplateField<Self>] = ["cells": .list { $0.cells }]
    }

    struct AlignedCell: TemplateModel {
        var entry: SectionSummary?
        static let fields: [String: TemplateField<Self>] = ["entry": .object { $0.entry }]
    }

    /// An editor's note on the theme in one strategy, with the place a document says so.
    struct Note: TemplateModel {
        var text: String
        var placeTitle = ""
        var documentTitle = ""
        var placeHref = ""

        static let fields: [String: TemplateField<Self>] = [
            "text": .text { $0.text }, "placeTitle": .text { $0.placeTitle }, "documentTitle": .text { $0.documentTitle },
            "placeHref": .text { $0.placeHref },
        ]
    }

    struct Column: TemplateModel {
        var id: String
        var title: String
        var ownName: String
        var groups: [Group]
        /// The strategy's sections on the theme, on every page.
        var count: Int
        var notes: [Note] = []
        /// On a page that shows none of the strategy's sections, where they start.
        var continuedHref = ""
        var continuedPage = 0

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "ownName": .text { $0.ownName }, "groups": .list { $0.groups },
            "isEmpty": .flag { $0.count == 0 }, "count": .number { $0.count }, "notes": .list { $0.notes },
            "continuedHref": .text { $0.continuedHref }, "continuedPage": .number { $0.continuedPage },
        ]
    }

    /// One document's sections on the theme.
    struct Group: TemplateModel {
        var documentTitle: String
        var documentHref: String
        var anchor: String
        var sections: [SectionSummary]
        var type: String

        static let fields: [String: TemplateField<Self>] = [
            "documentTitle": .text { $0.documentTitle }, "documentHref": .text { $0.documentHref }, "anchor": .text { $0.anchor },
            "sections": .list { $0.sections }, "type": .text { $0.type },
        ]
    }

    var theme: Theme
    var pager: Pagination
    /// The themes index, relative to this page (`index.html` beside it, `../index.html` from a later page).
    var themesHref: String

    static let fields: [String: TemplateField<Self>] = ["theme": .object { $0.theme }, "pager": .object { $0.pager }, "themesHref": .text { $0.themesHref }]
}
