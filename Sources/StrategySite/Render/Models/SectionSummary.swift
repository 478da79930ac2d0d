/// A section as lists show it: its title and excerpt, linked, with its document.
struct SectionSummary: TemplateModel {
    var title: String
    var excerpt: String
    var href: String
    var documentTitle: String
    var documentSlug: String
    var documentHref: String

    static let fields: [String: TemplateField<Self>] = [
        "title": .text { $0.title }, "excerpt": .text { $0.excerpt }, "href": .text { $0.href }, "documentTitle": .text { $0.documentTitle },
        "documentSlug": .text { $0.documentSlug }, "documentHref": .text { $0.documentHref },
    ]
}
