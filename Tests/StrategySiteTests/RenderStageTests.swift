import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

@Suite("Render stage: escaping, shared fragments, data scripts, recorded reads")
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
        let output = String(decoding: try set.library.render("page", .object(TemplateDictionary(["value": "<a href=\"x\">Tom & Jerry's</a>", "raw": "<b>kept</b>"]))), as: UTF8.self)
        #expect(output == "<p title=\"&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;\">&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;</p><b>kept</b>\n")
    }

    @Test func aTemplateNameNotInTheSetIsAnErrorNotAnEmptyPage() throws {
        let (set, folder) = try templates("<p>{{value}}</p>")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: MustacheTemplates.UnknownTemplate(name: "pgae")) {
            try set.library.render("pgae", .object(TemplateDictionary(["value": "x"])))
        }
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
        #expect(syntax.location.line == 2 && syntax.location.column == 1, "at the unclosed {{#open}}")
    }

    @Test func aTemplateTheSiteRendersMayNotBeMissingEvenWhenNoPageIncludesIt() throws {
        let (_, folder) = try templates("")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("partials/section-themes.mustache"))
        var diagnostics: [Diagnostic] = []
        #expect(TemplateSet.load(directory: folder.path, &diagnostics) == nil, "no build renders without it")
        let missing = try #require(diagnostics.first { $0.severity == .error })
        #expect(missing.message == "missing template partials/section-themes.mustache")
        #expect(missing.location.path == folder.path)
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

    /// The themes fixture linked, with a renderer over the site's templates.
    func themesSiteRenderer() throws -> (SiteRenderer, TemplateSet) {
        let site = try TemporarySite(copying: "themes-site")
        let (linked, diagnostics) = site.builder().link()
        #expect(!diagnostics.hasErrors)
        var found: [Diagnostic] = []
        let templates = try #require(TemplateSet.load(directory: Repository.templates, &found))
        let renderer = SiteRenderer(site: try #require(linked), templates: templates)
        return (renderer, templates)
    }

    @Test func sectionsWithTheSameThemesShareOneRenderedBlock() throws {
        let (renderer, templates) = try themesSiteRenderer()
        for document in renderer.site.documents {
            for section in document.sections where !section.themes.isEmpty {
                let cached = renderer.sectionBlock(section, in: document, from: SitePaths.document(document.slug))
                // The same block rendered afresh, by a renderer with an empty cache.
                let fresh = SiteRenderer(site: renderer.site, templates: templates).sectionBlock(section, in: document, from: SitePaths.document(document.slug))
                #expect(cached == fresh, "\(document.slug)#\(section.anchor)")
            }
        }
    }

    @Test func aPageRecordsWhatItReads() throws {
        let renderer = try themesSiteRenderer().0
        let documents = renderer.site.documents
        let document = try #require(documents.dropFirst().first, "a document with a previous one")
        let themes = Set(document.sections.flatMap(\.themes))
        try #require(!themes.isEmpty)

        // Rendered twice: what it reads is recorded each time.
        for _ in 1...2 {
            let log = ReadLog()
            _ = PageJob.document(document.slug).render(renderer.reading(into: log))
            #expect(log.inputs.contains(.document(document.slug)))
            #expect(log.inputs.contains(.neighbours(document.slug)))
            #expect(log.inputs.contains(.details(documents[0].slug)), "its previous document's title is shown")
            // The lists of the themes' sections in the other strategies, not in its own.
            let others = renderer.site.config.strategies.map(\.id).filter { $0 != document.metadata.strategy }
            #expect(log.inputs.isSuperset(of: themes.flatMap { theme in others.map { PageInput.themeInStrategy(theme: theme, strategy: $0) } }))
            #expect(!log.inputs.contains { if case .themeInStrategy(_, document.metadata.strategy) = $0 { true } else { false } })
            #expect(log.inputs.isSuperset(of: [.template("document"), .template("layout"), .template(PageTemplate.sectionThemes.rawValue)]))
            #expect(!log.inputs.contains(.order), "a document page does not list the documents")
            #expect(!log.inputs.contains(.text(document.slug)))
        }

        // The search data reads every document's text, and no document whole.
        let log = ReadLog()
        _ = PageJob.searchData.render(renderer.reading(into: log))
        #expect(log.inputs.isSuperset(of: documents.map { PageInput.text($0.slug) }))
        #expect(!log.inputs.contains { if case .document = $0 { true } else { false } })
    }

    @Test func streamedBuildWritesWhatTheInMemoryRenderRenders() throws {
        let site = try TemporarySite(copying: "themes-site")
        let summary = try site.builder().build()
        let pages = site.builder().buildAll().update.pages
        #expect(summary.pages == pages.filter { $0.path.hasSuffix(".html") }.count)
        for page in pages {
            #expect(try String(contentsOfFile: site.output + "/" + page.path, encoding: .utf8) == page.contents, "\(page.path)")
        }
    }
}
