/// The model of `home.mustache`: the timeline and the strategies with their documents.
struct HomePage: TemplateModel {
    struct Strategy: TemplateModel {
        var id: String
        var title: String
        var shortTitle: String
        var summary: String
        var href: String
        /// The first of its documents: those that fit its share of the home page.
        var documents: [DocumentSummary]
        /// All its documents.
        var total: Int
        var published: String

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "shortTitle": .text { $0.shortTitle }, "summary": .text { $0.summary },
            "href": .text { $0.href }, "documents": .list { $0.documents }, "hasDocuments": .flag { !$0.documents.isEmpty },
            "total": .number { $0.total }, "isCut": .flag { $0.total > $0.documents.count },
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

    /// A year of the timeline, when there are too many documents to mark one by one.
    struct TimelineYear: TemplateModel {
        var year: Int
        var count: Int

        static let fields: [String: TemplateField<Self>] = [
            "year": .number { $0.year }, "count": .number { $0.count },
            "countLabel": .text { $0.count == 1 ? "1 document" : "\($0.count) documents" },
        ]
    }

    var strategies: [Strategy]
    var timelineSVG: String
    /// One entry per document, or none when the timeline counts documents per year instead.
    var timeline: [TimelineEntry]
    var timelineYears: [TimelineYear]

    static let fields: [String: TemplateField<Self>] = [
        "strategies": .list { $0.strategies }, "timelineSVG": .text { $0.timelineSVG }, "timeline": .list { $0.timeline },
        "timelineYears": .list { $0.timelineYears },
    ]
}
