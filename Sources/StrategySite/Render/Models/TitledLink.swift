/// A link written `<a href="{{href}}">{{title}}</a>`: a theme, a strategy.
struct TitledLink: TemplateModel {
    var title: String
    var href: String

    static let fields: [String: TemplateField<Self>] = ["title": .text { $0.title }, "href": .text { $0.href }]
}
