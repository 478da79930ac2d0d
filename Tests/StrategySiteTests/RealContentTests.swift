import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The real `Content/` builds cleanly, and every document page carries every heading, table
/// and note its Markdown has; so does a copy of it with one more document
/// (``BuiltContent``), so what is checked here is the content contract, not today's files.
@Suite("The real Content/")
struct RealContentTests {
    /// The real content's build, for the suites that read its pages.
    static var built: (output: String, summary: SitePipeline.Summary?) { (BuiltContent.real.output, BuiltContent.real.built.summary) }
    static var documents: [String] { BuiltContent.real.slugs }

    @Test(arguments: BuiltContent.Variant.allCases)
    func buildsWithoutErrorsOrWarnings(_ variant: BuiltContent.Variant) throws {
        let content = variant.built
        #expect(content.built.error == nil, "\(content.built.error?.description ?? "")")
        let summary = try #require(content.built.summary)
        #expect(summary.documents == content.slugs.count)
        #expect(summary.warnings.isEmpty, "\(summary.warnings.map(\.description))")
        #expect(!content.slugs.isEmpty)
    }

    /// The same page invariants the fuzz targets and the generated-input tests check, on every
    /// page of the real site: nesting, unique ids, fragment links within and across pages, no
    /// event handler or script URL.
    @Test(arguments: BuiltContent.Variant.allCases)
    func everyPageHoldsThePageInvariants(_ variant: BuiltContent.Variant) throws {
        let content = variant.built
        _ = content.built
        let output = content.output
        var pages: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: output) where path.hasSuffix(".html") {
            pages[path] = try String(contentsOfFile: output + "/" + path, encoding: .utf8)
        }
        #expect(!pages.isEmpty)
        let problems = PageInvariants.siteProblems(pages)
        #expect(problems.isEmpty, "\(problems.count) problems, e.g. \(problems.prefix(8))")
    }

    @Test func theAddedDocumentIsOneMore() {
        #expect(BuiltContent.withAddedDocument.slugs.count == BuiltContent.real.slugs.count + 1)
        #expect(Set(BuiltContent.real.slugs).isSubset(of: BuiltContent.withAddedDocument.slugs))
    }

    @Test(arguments: BuiltContent.Variant.allCases)
    func strategiesAreInTheOrderSiteYMLWritesThem(_ variant: BuiltContent.Variant) throws {
        let source = try #require(variant.built.source)
        let yaml = try String(contentsOfFile: variant.built.content + "/site.yml", encoding: .utf8)
        let written = source.config.strategies.map { yaml.range(of: "\n  \"\($0.id)\":")?.lowerBound }
        #expect(!written.contains(nil))
        #expect(written.compactMap { $0 } == written.compactMap { $0 }.sorted())
        let home = try variant.built.page("index.html")
        let onHome = source.config.strategies.map { home.range(of: "id=\"strategy-\($0.id)\"")?.lowerBound }
        #expect(!onHome.contains(nil) && onHome.compactMap { $0 } == onHome.compactMap { $0 }.sorted())
    }

    @Test(arguments: BuiltContent.documentPages)
    func documentPageHasEveryHeadingAndTable(_ document: BuiltContent.DocumentPage) throws {
        let slug = document.slug
        let markdown = try String(contentsOfFile: document.content.content + "/documents/\(slug).md", encoding: .utf8)
        let page = try document.content.page("documents/\(slug).html")
        let body = String(page[try #require(page.range(of: "<div class=\"document-body\">")).upperBound...])

        var slugger = Slugger(reserved: TemplateIDs.read(directory: Repository.path("Templates")))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") && $0.drop(while: { $0 == "#" }).hasPrefix(" ") }
        #expect(!headings.isEmpty)
        for heading in headings {
            let level = heading.prefix { $0 == "#" }.count
            let text = heading.dropFirst(level).trimmingCharacters(in: .whitespaces)
            let anchor = slugger.slug(for: try #require(parse(String(heading)).0.sections.first).title)
            #expect(body.contains("<h\(level) id=\"\(anchor)\">"), "\(slug): heading '\(text)' missing as #\(anchor)")
        }
        #expect(body.occurrences(of: "<h1") == 0)

        let tables = markdown.split(separator: "\n").filter { PipeTable.delimiterRow(ArraySlice($0.utf8)) != nil && $0.contains("|") }.count
        #expect(body.occurrences(of: "<table>") == tables)
        #expect(!body.contains("[^"), "unresolved note marker in \(slug)")
        #expect(!body.contains("<!--"))
    }

    /// Each note reference leads to its note and each note back to a reference; a document
    /// that defines notes has some.
    @Test(arguments: BuiltContent.documentPages)
    func notesAreLinkedBothWays(_ document: BuiltContent.DocumentPage) throws {
        let markdown = try String(contentsOfFile: document.content.content + "/documents/\(document.slug).md", encoding: .utf8)
        let page = try document.content.page("documents/\(document.slug).html")
        let notes = Set(matches(#"<li id="fn:(\d+)">"#, in: page))
        let references = Set(matches(##"<a id="fnref:(\d+)(?::\d+)?" href="#fn:\d+""##, in: page))
        #expect(notes == references)
        for number in notes {
            #expect(page.contains("<a id=\"fnref:\(number)\" href=\"#fn:\(number)\""), "reference \(number)")
            #expect(page.contains("href=\"#fnref:\(number)\""), "back-link \(number)")
        }
        let defines = markdown.split(separator: "\n").contains { $0.range(of: #"^ {0,3}\[\^[^\]]+\]:"#, options: .regularExpression) != nil }
        if defines { #expect(!notes.isEmpty, "\(document.slug) defines notes and shows none") }
    }

    @Test(arguments: BuiltContent.Variant.allCases)
    func homePageReachesEveryDocument(_ variant: BuiltContent.Variant) throws {
        let home = try variant.built.page("index.html")
        for slug in variant.built.slugs { #expect(home.contains("href=\"documents/\(slug).html\""), "\(slug)") }
    }

    /// Every indicator a document mentions is linked from its page to the lookup, whose
    /// anchors exist.
    @Test(arguments: BuiltContent.Variant.allCases)
    func mentionedIndicatorsAreLinkedToTheLookup(_ variant: BuiltContent.Variant) throws {
        let options = SitePipeline.Options(contentDirectory: variant.built.content, templatesDirectory: Repository.templates)
        let site = try #require(SitePipeline(options: options).link().site)
        let lookup = try variant.built.page("indicators/index.html")
        var linked = 0
        for document in site.documents {
            let page = try variant.built.page("documents/\(document.slug).html")
            for indicator in Set(document.mentions.map(\.indicator)) {
                #expect(page.contains("href=\"../indicators/\(indicator).html\""), "\(document.slug) mentions \(indicator)")
                linked += 1
            }
            for id in matches(#"href="\.\./indicators/([^"/#]+)\.html""#, in: page) where id != "index" {
                #expect(lookup.contains("id=\"\(id)\""), "\(document.slug) links to \(id), which the lookup has")
                #expect(variant.built.exists("indicators/\(id).html"), "\(document.slug) links to the page of \(id)")
            }
        }
        if variant == .withAddedDocument { #expect(linked > 0, "the added document mentions an indicator") }
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
