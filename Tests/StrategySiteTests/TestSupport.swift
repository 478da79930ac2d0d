import Foundation
@testable import StrategySite
import StrategySiteTestSupport

/// Parses a document given as Markdown body text, for tests of the parse stage.
func parse(_ body: String, slug: String = "doc", options: DocumentParser.Options = .init(citableBlocks: false)) -> (ParsedDocument, [Diagnostic]) {
    let metadata = DocumentMetadata(title: "T", strategy: "2010", published: PublicationDate(year: 2010), publisher: "P", summary: "S")
    let source = SourceDocument(slug: slug, path: "Content/documents/\(slug).md", metadata: metadata, body: body, bodyStartLine: 8)
    var diagnostics: [Diagnostic] = []
    let document = DocumentParser(options: options).parse(source, &diagnostics)
    return (document, diagnostics)
}

/// A document body's HTML, as the parse stage writes it (without citable anchors unless asked).
func html(_ body: String, options: DocumentParser.Options = .init(citableBlocks: false)) -> String {
    parse(body, options: options).0.body.string
}

extension String {
    /// Occurrences of `needle`, for assertions on generated HTML.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }

    /// The text of every `id="…"` attribute, in order.
    var ids: [String] {
        let regex = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
        return regex.matches(in: self, range: NSRange(startIndex..., in: self)).compactMap { Range($0.range(at: 1), in: self).map { String(self[$0]) } }
    }
}

extension Indicator {
    /// A bare national indicator with a code, for tests of code matching.
    static func nationalIndicator(id: String, code: String) -> Indicator {
        Indicator(id: id, code: code, title: id, strategy: "2008", kind: .nationalIndicator, parent: nil, themes: [], aliases: [],
                  localMonitoring: "", description: "", related: [], values: [], location: SourceLocation(path: "i.yml"))
    }
}
