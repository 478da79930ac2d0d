/// What the layout shows on every page, around the page's own model: the site, the page's
/// title, the navigation, the path back to the site's root and the page's scripts.
struct PageFrame: TemplateModel {
    struct Site: TemplateModel {
        var title: String
        var language: String
        var description: String

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "language": .text { $0.language }, "description": .text { $0.description },
        ]
    }

    struct NavItem: TemplateModel {
        var label: String
        var href: String
        var current: Bool

        static let fields: [String: TemplateField<Self>] = ["label": .text { $0.label }, "href": .text { $0.href }, "current": .flag { $0.current }]
    }

    var root: String
    var title: String
    var documentTitle: String
    var site: Site
    var nav: [NavItem]
    var bodyEndHTML: String
    var scripts: [String]
    /// The pages before and after this one in a list split by ``Pager`` (`<link rel="prev">`).
    var prevPageHref = ""
    var nextPageHref = ""

    static let fields: [String: TemplateField<Self>] = [
        "root": .text { $0.root }, "title": .text { $0.title }, "documentTitle": .text { $0.documentTitle }, "site": .object { $0.site },
        "nav": .list { $0.nav }, "bodyEndHTML": .text { $0.bodyEndHTML }, "scripts": .texts { $0.scripts },
        "prevPageHref": .text { $0.prevPageHref }, "nextPageHref": .text { $0.nextPageHref },
    ]
}

/// The model of a page that shows nothing but what the layout does (search, accessibility, 404).
struct FramePage: TemplateModel {
    static let fields: [String: TemplateField<Self>] = [:]
}
