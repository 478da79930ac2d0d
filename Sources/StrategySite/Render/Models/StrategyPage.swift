/// The model of `strategy.mustache`: one strategy, its documents, themes and indicators.
struct StrategyPage: TemplateModel {
    struct Strategy: TemplateModel {
        var id: String
        var title: String
        var shortTitle: String
        var summary: String
        var published: String
        var publishedISO: String
        var ambitions: [String]
        var ownThemes: [String]
        var documents: [DocumentSummary]
        var themes: [Theme]
        var figures: [IndicatorSummary]
        var measures: [IndicatorSummary]
        /// Its documents on one page for print.
        var printHref: String

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "shortTitle": .text { $0.shortTitle }, "summary": .text { $0.summary },
            "published": .text { $0.published }, "publishedISO": .text { $0.publishedISO },
            "ambitions": .texts { $0.ambitions }, "hasAmbitions": .flag { !$0.ambitions.isEmpty },
            "ownThemes": .texts { $0.ownThemes }, "hasOwnThemes": .flag { !$0.ownThemes.isEmpty },
            "documents": .list { $0.documents }, "themes": .list { $0.themes }, "hasThemes": .flag { !$0.themes.isEmpty },
            "figures": .list { $0.figures }, "hasFigures": .flag { !$0.figures.isEmpty },
            "measures": .list { $0.measures }, "hasMeasures": .flag { !$0.measures.isEmpty },
            "printHref": .text { $0.printHref },
        ]
    }

    /// A theme the strategy has sections on, and the other strategies that address it too.
    struct Theme: TemplateModel {
        var title: String
        var ownName: String
        var countLabel: String
        var href: String
        var elsewhere: [TitledLink]

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "ownName": .text { $0.ownName }, "countLabel": .text { $0.countLabel }, "href": .text { $0.href },
            "elsewhere": .list { $0.elsewhere }, "hasElsewhere": .flag { !$0.elsewhere.isEmpty },
        ]
    }

    var strategy: Strategy
    var pager: Pagination

    static let fields: [String: TemplateField<Self>] = ["strategy": .object { $0.strategy }, "pager": .object { $0.pager }]
}
