/// The model of `home.mustache`: the timeline and the strategies with their documents.
struct HomePage: TemplateModel {
    struct Strategy: TemplateModel {
        var id: String
        var title: String
        var shortTitle: String
        var summary: String
        var href: String
        var documents: [DocumentSummary]
        var published: String

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "shortTitle": .text { $0.shortTitle }, "summary": .text { $0.summary },
            "href": .text { $0.href }, "documents": .list { $0.documents }, "hasDocuments": .flag { !$0.documents.isEmpty },
            "published": .text { $0.published },
        ]
    }

    /// One point of the timeline, as text.
    struct TimelineEntry: TemplateModel {
        var title: String
        var date: String
        var dateISO: String
        var type: String
        var strategy: String
        var href: String

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "date": .text { $0.date }, "dateISO": .text { $0.dateISO }, "type": .text { $0.type },
            "strategy": .text { $0.strategy }, "href": .text { $0.href },
        ]
    }

    var strategies: [Strategy]
    var timelineSVG: String
    var timeline: [TimelineEntry]

    static let fields: [String: TemplateField<Self>] = [
        "strategies": .list { $0.strategies }, "timelineSVG": .text { $0.timelineSVG }, "timeline": .list { $0.timeline },
    ]
}
