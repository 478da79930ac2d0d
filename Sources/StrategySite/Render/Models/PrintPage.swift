/// The model of `print.mustache`: one strategy's documents, in its order, on one page made to
/// be printed or saved as one document (a volume of ``Pager``'s size when there are more).
struct PrintPage: TemplateModel {
    struct Document: TemplateModel {
        var anchor: String
        var title: String
        var type: String
        var published: String
        var publishedISO: String
        var publisher: String
        var author: String
        var href: String
        var citation: String
        var toc: [DocumentPage.TocEntry]
        var bodyHTML: String

        static let fields: [String: TemplateField<Self>] = [
            "anchor": .text { $0.anchor }, "title": .text { $0.title }, "type": .text { $0.type },
            "published": .text { $0.published }, "publishedISO": .text { $0.publishedISO },
            "publisher": .text { $0.publisher }, "author": .text { $0.author }, "href": .text { $0.href },
            "citation": .text { $0.citation }, "toc": .list { $0.toc }, "hasToc": .flag { !$0.toc.isEmpty },
            "bodyHTML": .text { $0.bodyHTML },
        ]
    }

    var title: String
    var strategyHref: String
    var documents: [Document]
    var pager: Pagination

    static let fields: [String: TemplateField<Self>] = [
        "title": .text { $0.title }, "strategyHref": .text { $0.strategyHref }, "documents": .list { $0.documents },
        "pager": .object { $0.pager },
    ]
}
