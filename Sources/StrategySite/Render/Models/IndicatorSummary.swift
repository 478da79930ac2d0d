/// An indicator as a strategy page lists it: code, title, latest figure, link.
struct IndicatorSummary: TemplateModel {
    var id: String
    var code: String
    var title: String
    var href: String
    var latestValue: String

    static let fields: [String: TemplateField<Self>] = [
        "id": .text { $0.id }, "code": .text { $0.code }, "title": .text { $0.title }, "href": .text { $0.href }, "latestValue": .text { $0.latestValue },
    ]
}
