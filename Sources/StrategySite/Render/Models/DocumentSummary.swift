/// A document as lists show it: title, type, dates, publisher, summary, link.
struct DocumentSummary: TemplateModel {
    var slug: String
    var title: String
    var summary: String
    var type: String
    var published: String
    var publishedISO: String
    var publisher: String
    var href: String
    /// The short title of its strategy.
    var strategy: String

    static let fields: [String: TemplateField<Self>] = [
        "slug": .text { $0.slug }, "title": .text { $0.title }, "summary": .text { $0.summary }, "type": .text { $0.type },
        "published": .text { $0.published }, "publishedISO": .text { $0.publishedISO }, "publisher": .text { $0.publisher },
        "href": .text { $0.href }, "strategy": .text { $0.strategy },
    ]
}
