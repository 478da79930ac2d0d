/// The model of `indicators.mustache`, the lookup: every indicator, grouped by strategy and
/// kind, as a short row that links to the indicator's own page (``IndicatorPage``). The rows
/// keep the ids the lookup's entries always had, so `indicators/index.html#ni-149` still lands
/// on NI 149, and the page stays small however many documents mention it.
struct IndicatorsPage: TemplateModel {
    struct Group: TemplateModel {
        var id: String
        var title: String
        var shortTitle: String
        var strategy: String
        var kinds: [Kind]

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "title": .text { $0.title }, "shortTitle": .text { $0.shortTitle }, "strategy": .text { $0.strategy },
            "kinds": .list { $0.kinds }, "hasKinds": .flag { !$0.kinds.isEmpty },
        ]
    }

    struct Kind: TemplateModel {
        var title: String
        var entries: [Row]

        static let fields: [String: TemplateField<Self>] = ["title": .text { $0.title }, "entries": .list { $0.entries }]
    }

    /// One indicator on the lookup: what the filter reads, and a link to its page.
    struct Row: TemplateModel {
        var id: String
        var code: String
        var title: String
        var strategy: String
        var strategyTitle: String
        var href: String
        var parent: Reference?
        var themes: [TitledLink]
        var latestValue: String
        var mentionCount: Int
        var searchText: String

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "code": .text { $0.code }, "title": .text { $0.title }, "strategy": .text { $0.strategy },
            "strategyTitle": .text { $0.strategyTitle }, "href": .text { $0.href }, "parent": .object { $0.parent },
            "themes": .list { $0.themes }, "hasThemes": .flag { !$0.themes.isEmpty }, "latestValue": .text { $0.latestValue },
            "mentionCount": .number { $0.mentionCount }, "hasMentions": .flag { $0.mentionCount > 0 },
            "mentionsLabel": .text { $0.mentionCount == 1 ? "1 section" : "\($0.mentionCount) sections" },
            "searchText": .text { $0.searchText },
        ]
    }

    /// One indicator with its facts, figures, lineage both ways and the sections mentioning it
    /// (one page of them), for its own page.
    struct Entry: TemplateModel {
        var id: String
        var code: String
        var title: String
        var kind: String
        var strategy: String
        var strategyTitle: String
        var parent: Reference?
        var children: [Reference]
        var themes: [TitledLink]
        var localMonitoring: String
        var description: String
        var values: [Value]
        var lineage: [Reference]
        var mentions: [Mention]
        /// All the sections that mention it, on every page.
        var mentionTotal: Int
        var charts: [Chart]

        static let fields: [String: TemplateField<Self>] = [
            "id": .text { $0.id }, "code": .text { $0.code }, "title": .text { $0.title }, "kind": .text { $0.kind },
            "strategy": .text { $0.strategy }, "strategyTitle": .text { $0.strategyTitle },
            "parent": .object { $0.parent }, "children": .list { $0.children }, "hasChildren": .flag { !$0.children.isEmpty },
            "themes": .list { $0.themes }, "hasThemes": .flag { !$0.themes.isEmpty },
            "localMonitoring": .text { $0.localMonitoring }, "description": .text { $0.description },
            "values": .list { $0.values }, "hasValues": .flag { !$0.values.isEmpty },
            "lineage": .list { $0.lineage }, "hasLineage": .flag { !$0.lineage.isEmpty },
            "mentions": .list { $0.mentions }, "hasMentions": .flag { $0.mentionTotal > 0 }, "mentionTotal": .number { $0.mentionTotal },
            "mentionsLabel": .text { $0.mentionTotal == 1 ? "1 section" : "\($0.mentionTotal) sections" },
            "charts": .list { $0.charts },
        ]
    }

    /// Another indicator, linked: a parent, a child, the same idea in another strategy.
    struct Reference: TemplateModel {
        var code: String
        var title: String
        var href: String
        var strategy: String

        static let fields: [String: TemplateField<Self>] = [
            "code": .text { $0.code }, "title": .text { $0.title }, "href": .text { $0.href }, "strategy": .text { $0.strategy },
        ]
    }

    /// One figure, its period and note, and the place it is written.
    struct Value: TemplateModel {
        var value: String
        var date: String
        var note: String
        var editorial: String
        var placeTitle = ""
        var documentTitle = ""
        var placeHref = ""
        /// The document's notes the figure's sentence refers to.
        var sourceNotes: [SourceNote] = []

        static let fields: [String: TemplateField<Self>] = [
            "value": .text { $0.value }, "date": .text { $0.date }, "note": .text { $0.note }, "editorial": .text { $0.editorial },
            "placeTitle": .text { $0.placeTitle }, "documentTitle": .text { $0.documentTitle }, "placeHref": .text { $0.placeHref },
            "sourceNotes": .list { $0.sourceNotes }, "hasSourceNotes": .flag { !$0.sourceNotes.isEmpty },
        ]
    }

    struct SourceNote: TemplateModel {
        var number: Int
        var text: String
        var href: String

        static let fields: [String: TemplateField<Self>] = ["number": .number { $0.number }, "text": .text { $0.text }, "href": .text { $0.href }]
    }

    struct Mention: TemplateModel {
        var title: String
        var documentTitle: String
        var href: String

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "documentTitle": .text { $0.documentTitle }, "href": .text { $0.href },
        ]
    }

    struct Chart: TemplateModel {
        var chartSVG: String
        var chartText: String

        static let fields: [String: TemplateField<Self>] = ["chartSVG": .text { $0.chartSVG }, "chartText": .text { $0.chartText }]
    }

    var groups: [Group]
    var strategies: [StrategyOption]
    var total: Int

    /// A strategy in the filter's menu.
    struct StrategyOption: TemplateModel {
        var id: String
        var title: String

        static let fields: [String: TemplateField<Self>] = ["id": .text { $0.id }, "title": .text { $0.title }]
    }

    static let fields: [String: TemplateField<Self>] = [
        "groups": .list { $0.groups }, "strategies": .list { $0.strategies }, "total": .number { $0.total },
    ]
}
