/// What the layout shows on every page, around the page's own model: the site, the page's
/// title, the navigation, the path back to the site's root and the page's scripts.
struct PageFrame: TemplateModel {
    struct Site: TemplateModel {
        var title: String
        var language: String
        var description: String
        /// site.yml's `contact` as written, and as a link (`mailto:` for an email address).
        var contact: String
        var contactHref: String

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "language": .text { $0.language }, "description": .text { $0.description },
            "contact": .text { $0.contact }, "contactHref": .text { $0.contactHref },
        ]
    }

    /// What a page tells search engines and link previews about itself. Only a page with an
    /// absolute address has any: a canonical link or `og:url` relative to nothing would
    /// mislead, so without a base URL the head holds none of it.
    struct Metadata: TemplateModel {
        /// The page's absolute address (site base URL + path); empty without a base URL.
        var canonicalURL: String = ""
        /// Open Graph's `og:type`: `article` for a document, `website` for the rest.
        var type: String = "website"
        /// schema.org data as JSON, already safe inside `<script>` (no `<`); empty for none.
        var structuredDataJSON: String = ""

        static let fields: [String: TemplateField<Self>] = [
            "canonicalURL": .text { $0.canonicalURL }, "type": .text { $0.type },
            "structuredDataJSON": .text { $0.structuredDataJSON },
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
    var metadata = Metadata()

    static let fields: [String: TemplateField<Self>] = [
        "root": .text { $0.root }, "title": .text { $0.title }, "documentTitle": .text { $0.documentTitle }, "site": .object { $0.site },
        "nav": .list { $0.nav }, "bodyEndHTML": .text { $0.bodyEndHTML }, "scripts": .texts { $0.scripts },
        "prevPageHref": .text { $0.prevPageHref }, "nextPageHref": .text { $0.nextPageHref },
        "metadata": .object { $0.metadata.canonicalURL.isEmpty ? nil : $0.metadata },
    ]
}

/// The model of a page that shows nothing but what the layout does (search, accessibility, 404).
struct FramePage: TemplateModel {
    static let fields: [String: TemplateField<Self>] = [:]
}
