/// The model of `partials/pager.mustache`: where a page stands in a list split by ``Pager``,
/// with links to the pages before and after it and to the others.
struct Pagination: TemplateModel {
    struct Page: TemplateModel {
        var number: Int
        var href: String
        var isCurrent: Bool
        /// Stands for pages left out of the list.
        var isGap: Bool

        static let fields: [String: TemplateField<Self>] = [
            "number": .number { $0.number }, "href": .text { $0.href }, "isCurrent": .flag { $0.isCurrent }, "isGap": .flag { $0.isGap },
        ]
    }

    /// What the list is, for the pager's accessible name ("Sections on Recovery").
    var label: String
    var current: Int
    var total: Int
    var previousHref: String
    var nextHref: String
    var pages: [Page]

    /// A list of one page shows no pager.
    var isPaged: Bool { total > 1 }

    static let fields: [String: TemplateField<Self>] = [
        "label": .text { $0.label }, "current": .number { $0.current }, "total": .number { $0.total },
        "previousHref": .text { $0.previousHref }, "nextHref": .text { $0.nextHref }, "pages": .list { $0.pages },
        "isPaged": .flag { $0.isPaged },
    ]
}
