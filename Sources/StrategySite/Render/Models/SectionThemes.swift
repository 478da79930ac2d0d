/// The model of `partials/section-themes.mustache`, the block under a heading: the section's
/// themes, its counterparts in the other strategies, the indicators its heading names and the
/// figures the lookup takes from it.
struct SectionThemes: TemplateModel {
    struct Figure: TemplateModel {
        var value: String
        var title: String
        var code: String
        var href: String

        static let fields: [String: TemplateField<Self>] = [
            "value": .text { $0.value }, "title": .text { $0.title }, "code": .text { $0.code }, "href": .text { $0.href },
        ]
    }

    /// An indicator the heading names: the heading stays unlinked, the block links it.
    struct HeadingIndicator: TemplateModel {
        var code: String
        var title: String
        var href: String

        static let fields: [String: TemplateField<Self>] = ["code": .text { $0.code }, "title": .text { $0.title }, "href": .text { $0.href }]
    }

    /// A section's counterparts in one other strategy: the best, the next few, and links to
    /// every section of that strategy on each of the section's themes.
    struct OtherStrategy: TemplateModel {
        var strategy: String
        var best: SectionSummary
        var sections: [SectionSummary]
        var more: [LabelledLink]

        static let fields: [String: TemplateField<Self>] = [
            "strategy": .text { $0.strategy }, "best": .object { $0.best }, "sections": .list { $0.sections }, "more": .list { $0.more },
            "count": .number { 1 + $0.sections.count },
        ]
    }

    /// Whether the section has themes (its theme list shows only those that exist).
    var hasThemes = false
    var themes: [TitledLink] = []
    var inherited = false
    var others: [OtherStrategy] = []
    var figures: [Figure] = []
    var headingIndicators: [HeadingIndicator] = []

    static let fields: [String: TemplateField<Self>] = [
        "hasThemes": .flag { $0.hasThemes }, "themes": .list { $0.themes }, "inherited": .flag { $0.inherited },
        "others": .list { $0.others }, "hasOthers": .flag { !$0.others.isEmpty },
        "otherCount": .number { $0.others.reduce(0) { $0 + 1 + $1.sections.count } },
        "headingIndicators": .list { $0.headingIndicators },
        "figures": .list { $0.figures }, "hasFigures": .flag { !$0.figures.isEmpty }, "figureCount": .number { $0.figures.count },
    ]
}
