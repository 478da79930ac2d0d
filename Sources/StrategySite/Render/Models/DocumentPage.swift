/// The model of `document.mustache`: one document, its contents list, its text with the
/// blocks under its headings, its citation and its neighbours.
struct DocumentPage: TemplateModel {
    struct Document: TemplateModel {
        var summary: DocumentSummary
        var bodyHTML: String
        var citation: String
        /// Only the address part of the citation, which the page's script makes absolute when
        /// the site has no base URL and the page is read over http(s).
        var citationURL: String
        var citationIsAbsolute: Bool
        var bibtexHref: String
        var risHref: String
        var originalURL: String
        var rights: String
        var lastUpdated: String
        var lastUpdatedISO: String
        /// The changes since publication, newest first.
        var history: [Change]
        var author: String
        var strategyTitle: String
        var strategyHref: String
        var toc: [TocEntry]
        var hasToc: Bool
        var breadcrumbs: [LabelledLink]
        var context: HistoricalContext?
        var previous: DocumentSummary?
        var next: DocumentSummary?

        static let fields: [String: TemplateField<Self>] = DocumentSummary.fields.mapValues { field in
            TemplateField(shape: field.shape) { field.read($0.summary) }
        }.merging([
            "bodyHTML": .text { $0.bodyHTML }, "citation": .text { $0.citation }, "author": .text { $0.author },
            "citationURL": .text { $0.citationURL }, "citationIsAbsolute": .flag { $0.citationIsAbsolute },
            "bibtexHref": .text { $0.bibtexHref }, "risHref": .text { $0.risHref },
            "originalURL": .text { $0.originalURL }, "rights": .text { $0.rights },
            "lastUpdated": .text { $0.lastUpdated }, "lastUpdatedISO": .text { $0.lastUpdatedISO },
            "history": .list { $0.history }, "hasHistory": .flag { !$0.history.isEmpty },
            "strategyTitle": .text { $0.strategyTitle }, "strategyHref": .text { $0.strategyHref },
            "toc": .list { $0.toc }, "hasToc": .flag { $0.hasToc }, "breadcrumbs": .list { $0.breadcrumbs },
            "context": .object { $0.context }, "previous": .object { $0.previous }, "next": .object { $0.next },
        ]) { _, own in own }
    }

    /// One change recorded in the front matter's `updated:` list.
    struct Change: TemplateModel {
        var date: String
        var dateISO: String
        var note: String

        static let fields: [String: TemplateField<Self>] = [
            "date": .text { $0.date }, "dateISO": .text { $0.dateISO }, "note": .text { $0.note },
        ]
    }

    /// A top-level section in the contents, with its direct subsections.
    struct TocEntry: TemplateModel {
        var title: String
        var anchor: String
        var children: [TocChild]

        static let fields: [String: TemplateField<Self>] = [
            "title": .text { $0.title }, "anchor": .text { $0.anchor }, "children": .list { $0.children },
            "hasChildren": .flag { !$0.children.isEmpty },
        ]
    }

    struct TocChild: TemplateModel {
        var title: String
        var anchor: String

        static let fields: [String: TemplateField<Self>] = ["title": .text { $0.title }, "anchor": .text { $0.anchor }]
    }

    /// Which government a document was published under and which strategy superseded it.
    struct HistoricalContext: TemplateModel {
        var government: String
        var supersededBy: String
        var supersededByHref: String

        static let fields: [String: TemplateField<Self>] = [
            "government": .text { $0.government }, "supersededBy": .text { $0.supersededBy },
            "supersededByHref": .text { $0.supersededByHref },
        ]
    }

    var document: Document

    static let fields: [String: TemplateField<Self>] = ["document": .object { $0.document }]
}
