/// The model of `theme.mustache`: one theme, a column per strategy of its sections, grouped
/// by document.
struct ThemePage: TemplateModel {
    struct Theme: TemplateModel {
        var id: String
        var title: String
        var summary: String
        var columns: [Column]

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "summary": .text { $0.summary }, "columns": .list { $0.columns },
        ]
    }

    struct Column: TemplateModel {
        var id: String
        var title: String
        var ownName: String
        var groups: [Group]
        var count: Int

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "ownName": .text { $0.ownName }, "groups": .list { $0.groups },
            "isEmpty": .flag { $0.groups.isEmpty }, "count": .number { $0.count },
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

    static let fields: [String: TemplateField<Self>] = ["theme": .object { $0.theme }]
}
