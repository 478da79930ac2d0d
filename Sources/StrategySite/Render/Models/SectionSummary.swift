/// A section as lists show it: its title and excerpt, linked, with its document.
struct SectionSummary: TemplateModel {
    var title: String
    var excerpt: String
    var href: String
    var documentTitle: String
    var documentSlug: String
    var documentHref: String
    /// On a theme page: the passage most about the theme, as HTML with its words marked
    /// (shown instead of `excerpt`).
    var excerptHTML = ""
    /// As a counterpart: the themes it shares, in words ("Both on housing and funding").
    var why = ""
    /// As a counterpart: named by the editors rather than ranked.
    var named = false

    static let fields: [String: TemplateField<Self>] = [
        "title": .text { $0.title }, "excerpt": .text { $0.excerptHTML.isEmpty ? $0.excerpt : "" }, "href": .text { $0.href },
        "documentTitle": .text { $0.documentTitle }, "documentSlug": .text { $0.documentSlug }, "documentHref": .text { $0.documentHref },
        "excerptHTML": .text { $0.excerptHTML }, "why": .text { $0.why }, "named": .flag { $0.named },
    ]
}
