/// The model of `indicator.mustache`: one indicator's own page (`indicators/ni-149.html`).
/// The sections that mention it are split over pages (``Pager``); the facts and figures are
/// on the first.
struct IndicatorPage: TemplateModel {
    var entry: IndicatorsPage.Entry
    var pager: Pagination
    var lookupHref: String

    static let fields: [String: TemplateField<Self>] = [
        "entry": .object { $0.entry }, "pager": .object { $0.pager }, "isFirstPage": .flag { $0.pager.current == 1 },
        "lookupHref": .text { $0.lookupHref },
    ]
}
