/// A link written `<a href="{{href}}">{{label}}</a>`: a breadcrumb, a "more" link.
struct LabelledLink: TemplateModel {
    var label: String
    var href: String

    static let fields: [String: TemplateField<Self>] = ["label": .text { $0.label }, "href": .text { $0.href }]
}
