import Foundation
import Testing
@testable import StrategySite

@Suite("Render stage: escaping, shared fragments, data scripts, memo")
struct RenderStageTests {
    /// The site's templates and one more, `page`, for tests of the template machinery.
    func templates(_ text: String) throws -> (TemplateSet, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: folder.path)
        try Data(text.utf8).write(to: folder.appendingPathComponent("page.mustache"))
        var diagnostics: [Diagnostic] = []
        let set = try #require(TemplateSet.load(directory: folder.path, &diagnostics))
        return (set, folder)
    }

    @Test func templateValuesAreEscapedByTheProjectsEscaper() throws {
        let (set, folder) = try templates("{{! first line }}\n<p title=\"{{value}}\">{{value}}</p>{{{raw}}}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = set.render("page", ["value": "<a href=\"x\">Tom & Jerry's</a>", "raw": "<b>kept</b>"])
        #expect(output == "<p title=\"&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;\">&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;</p><b>kept</b>\n")
    }

    @Test func templateSyntaxErrorsKeepTheirLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("line one\n{{#open}}\n".utf8).write(to: folder.appendingPathComponent("page.mustache"))
        var diagnostics: [Diagnostic] = []
        _ = TemplateSet.load(directory: folder.path, &diagnostics)
        let syntax = try #require(diagnostics.first { $0.message.hasPrefix("template syntax") })
        #expect(syntax.location.path.hasSuffix("page.mustache"))
        #expect(syntax.location.line >= 2, "the pragma line the loader adds must not count")
    }

    @Test func escapingReturnsTheSameStringWhenNothingNeedsIt() {
        #expect(HTML.escape("Plain title – with ’quotes’") == "Plain title – with ’quotes’")
        #expect(HTML.escape("a<b") == "a&lt;b")
    }

    @Test func dataScriptsAreValidJSONWithControlCharactersEscaped() throws {
        var json = JSONWriter()
        json.beginArray()
        json.beginObject()
        json.field("text", "quote \" backslash \\ newline \n tab \t bell \u{7} é")
        json.field("list", ["a", "b"])
        json.endObject()
        json.string("second")
        json.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [Any]
        let first = try #require(parsed?.first as? [String: Any])
        #expect(first["text"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{7} é")
        #expect(first["list"] as? [String] == ["a", "b"])
        #expect(parsed?.last as? String == "second")
        #expect(String(decoding: json.bytes, as: UTF8.self).contains("\\u0007"))
    }

    @Test func sectionsWithTheSameThemesShareOneRenderedBlock() throws {
        let site = try TemporarySite(copying: "themes-site")
        let (linked, diagnostics) = site.builder().link()
        #expect(!diagnostics.hasErrors)
        var found: [Diagnostic] = []
        let templates = try #require(TemplateSet.load(directory: Repository.templates, &found))
        let renderer = SiteRenderer(site: try #require(linked), templates: templates)
        for document in renderer.site.documents {
            for section in document.sections where !section.themes.isEmpty {
                let cached = renderer.sectionBlock(section, in: document, from: SitePaths.document(document.slug))
                // The same block rendered afresh, by a renderer with an empty cache.
                let fresh = SiteRenderer(site: renderer.site, templates: templates).sectionBlock(section, in: document, from: SitePaths.document(document.slug))
                #expect(cached == fresh, "\(document.slug)#\(section.anchor)")
            }
        }
    }

    @Test func pageMemoRendersAgainOnlyWhenTheContextChanges() {
        let memo = PageMemo()
        var renders = 0
        let context: [String: Any] = ["title": "A", "items": [["x": "1"], ["x": "2"]], "flag": true]
        _ = memo.page("p", context: context) { renders += 1; return "one" }
        let again = memo.page("p", context: context) { renders += 1; return "two" }
        #expect(renders == 1 && again == "one")
        var changed = context
        changed["items"] = [["x": "1"], ["x": "3"]]
        let third = memo.page("p", context: changed) { renders += 1; return "three" }
        #expect(renders == 2 && third == "three")
        memo.removeAll()
        _ = memo.page("p", context: changed) { renders += 1; return "four" }
        #expect(renders == 3)
    }

    @Test func streamedBuildWritesWhatTheInMemoryRenderRenders() throws {
        let site = try TemporarySite(copying: "themes-site")
        let summary = try site.builder().build()
        let pages = site.builder().render().pages
        #expect(summary.pages == pages.filter { $0.path.hasSuffix(".html") }.count)
        for page in pages {
            #expect(try String(contentsOfFile: site.output + "/" + page.path, encoding: .utf8) == page.contents, "\(page.path)")
        }
    }
}
