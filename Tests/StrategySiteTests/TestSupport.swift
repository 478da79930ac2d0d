import Foundation
@testable import StrategySite

/// Paths of the repository, found from this file so tests run from any working directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static var templates: String { path("Templates") }
    static func fixture(_ name: String) -> String { path("Tests/Fixtures/\(name)") }
}

/// A site in a fresh temporary directory, made from files given inline or copied from a
/// fixture. Removed when the test's value goes away.
final class TemporarySite {
    let root: URL
    var content: String { root.appendingPathComponent("Content").path }
    var output: String { root.appendingPathComponent("Output").path }

    init(copying fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let fixture {
            try FileManager.default.copyItem(atPath: Repository.fixture(fixture), toPath: content)
        } else {
            try FileManager.default.createDirectory(atPath: content + "/documents", withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `relative` under Content/.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: content).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: content + "/" + relative)
    }

    func options(templates: String = Repository.templates, output: String? = nil) -> SiteBuilder.Options {
        SiteBuilder.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output ?? self.output)
    }

    func builder(templates: String = Repository.templates) -> SiteBuilder { SiteBuilder(options: options(templates: templates)) }

    func page(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    /// A minimal valid site: one strategy, no themes or indicators.
    static func minimal(documents: [String: String] = ["one": TemporarySite.document()]) throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("site.yml", "title: Test\nstrategies:\n  \"2010\": { title: Test strategy }\n")
        for (slug, text) in documents { try site.write("documents/\(slug).md", text) }
        return site
    }

    static func document(title: String = "One", strategy: String = "2010", body: String = "## Heading\n\nText.\n") -> String {
        "---\ntitle: \(title)\nstrategy: \"\(strategy)\"\npublished: 2010-12-08\npublisher: Test\nsummary: A test document.\n---\n\n\(body)"
    }
}

/// Every file and folder under `root` (folders as empty data), except those under `excluding`:
/// compared before and after a run to prove it touched nothing it should not.
func snapshot(_ root: String, excluding: String? = nil) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for relative in try FileManager.default.subpathsOfDirectory(atPath: root) where excluding.map({ !relative.hasPrefix($0) }) ?? true {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
        files[relative] = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
    }
    return files
}

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
