import Foundation
import Synchronization
import StrategySiteTestSupport
@testable import StrategySite

/// A `Content/` folder built once into a temporary output, with what the tests expect of it
/// read from the content itself (which documents, in which order, under which strategy), so
/// the tests of the real content hold for any valid content, not just today's.
///
/// Two are built: the real `Content/`, and a copy of it with one more document, written from
/// what the content has (its first strategy, theme and indicator code, a link to one of its
/// documents), that must leave every one of those tests true.
final class BuiltContent: Sendable, CustomStringConvertible {
    enum Variant: String, CaseIterable, Sendable, CustomStringConvertible {
        case real
        case withAddedDocument
        var description: String { rawValue }
        var built: BuiltContent { self == .real ? BuiltContent.real : BuiltContent.withAddedDocument }
    }

    static let real = BuiltContent(name: "Content/", content: Repository.path("Content"))
    static let withAddedDocument = BuiltContent(name: "Content/ and one more document", content: addedDocumentCopy)

    /// Every variant's documents, by slug, for tests run once per document page.
    static let documentPages: [DocumentPage] = Variant.allCases.flatMap { variant in
        variant.built.slugs.map { DocumentPage(variant: variant, slug: $0) }
    }

    struct DocumentPage: Sendable, CustomStringConvertible {
        var variant: Variant
        var slug: String
        var content: BuiltContent { variant.built }
        var description: String { "\(variant): \(slug)" }
    }

    let name: String
    let content: String
    let output: String
    /// The documents' slugs as the folder lists them, sorted by name.
    let slugs: [String]

    var description: String { name }

    init(name: String, content: String) {
        self.name = name
        self.content = content
        output = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-content-\(UUID().uuidString)").path
        slugs = ((try? FileManager.default.contentsOfDirectory(atPath: content + "/documents")) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    private let build = Lazy<(summary: SitePipeline.Summary?, error: BuildFailure?)>()

    /// The build, made on first use.
    var built: (summary: SitePipeline.Summary?, error: BuildFailure?) {
        build.get {
            let options = SitePipeline.Options(contentDirectory: content, templatesDirectory: Repository.templates, outputDirectory: output)
            do throws(BuildFailure) {
                return (try SitePipeline(options: options).build(), nil)
            } catch {
                return (nil, error)
            }
        }
    }

    /// The content as loaded, to read what the pages must say.
    var source: SiteSource? {
        var diagnostics: [Diagnostic] = []
        return ContentLoader(contentDirectory: content).load(&diagnostics)
    }

    /// The documents in the order the README's content contract gives: strategies as
    /// site.yml lists them, then publication date, then title (and slug, for equal titles).
    var order: [SourceDocument] {
        guard let source else { return [] }
        let strategies = source.config.strategies.map(\.id)
        return source.documents.sorted { a, b in
            (strategies.firstIndex(of: a.metadata.strategy) ?? .max, a.metadata.published.decimalYear, a.metadata.title, a.slug)
                < (strategies.firstIndex(of: b.metadata.strategy) ?? .max, b.metadata.published.decimalYear, b.metadata.title, b.slug)
        }
    }

    /// A written page of this build (built first if need be).
    func page(_ path: String) throws -> String {
        _ = built
        return try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        _ = built
        return FileManager.default.fileExists(atPath: output + "/" + path)
    }

    /// A copy of `Content/` in a temporary folder with one more document, made of what the
    /// content has. Its date is the earliest document's, so it lands among the others.
    static let addedDocumentCopy: String = {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-added-\(UUID().uuidString)")
        try? FileManager.default.copyItem(atPath: Repository.path("Content"), toPath: copy.path)
        var diagnostics: [Diagnostic] = []
        guard let source = ContentLoader(contentDirectory: copy.path).load(&diagnostics),
              let earliest = source.documents.min(by: { $0.metadata.published.decimalYear < $1.metadata.published.decimalYear }) else {
            return copy.path
        }
        let theme = source.themes.first.map { "<!-- themes: \($0.id) -->\n" } ?? ""
        let code = source.indicators.first { !$0.code.isEmpty }.map { " It counts \($0.code)." } ?? ""
        let text = """
            ---
            title: "An added briefing on local services"
            strategy: "\(earliest.metadata.strategy)"
            type: Briefing
            published: \(earliest.metadata.published.iso)
            publisher: Test Office
            summary: A document the tests add to the real content, to show the site takes one more.
            ---

            An added document that reads like the others, with a note.[^added]

            ## Local services
            \(theme)
            Services that work together, as [the earliest document](doc:\(earliest.slug)) says.\(code)

            | Area | Services |
            |------|----------|
            | North | 3 |
            | South | 4 |

            [^added]: A note of the added document.

            """
        var slug = "added-briefing"
        while source.documents.contains(where: { $0.slug == slug }) { slug += "-1" }
        try? Data(text.utf8).write(to: copy.appendingPathComponent("documents/\(slug).md"))
        return copy.path
    }()
}

/// A value made once, on first use, by whichever thread asks first.
final class Lazy<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    func get(_ make: () -> Value) -> Value {
        storage.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
