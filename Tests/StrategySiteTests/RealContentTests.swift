import Foundation
import Testing
@testable import StrategySite

/// The real `Content/` builds cleanly, and every document page carries every heading and
/// table its Markdown has.
@Suite("The real Content/")
struct RealContentTests {
    static let documents = (try? FileManager.default.contentsOfDirectory(atPath: Repository.path("Content/documents")))?
        .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted() ?? []

    static let built: (output: String, summary: SiteBuilder.Summary?, error: BuildFailure?) = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-real-\(UUID().uuidString)").path
        let options = SiteBuilder.Options(contentDirectory: Repository.path("Content"), templatesDirectory: Repository.templates, outputDirectory: output)
        do throws(BuildFailure) {
            return (output, try SiteBuilder(options: options).build(), nil)
        } catch {
            return (output, nil, error)
        }
    }()

    @Test func buildsWithoutErrorsOrWarnings() throws {
        #expect(Self.built.error == nil, "\(Self.built.error?.description ?? "")")
        let summary = try #require(Self.built.summary)
        #expect(summary.documents == Self.documents.count)
        #expect(summary.warnings.isEmpty, "\(summary.warnings.map(\.description))")
        #expect(Self.documents.count == 5)
    }

    @Test func siteStrategiesAreTheThreeInOrder() throws {
        var diagnostics: [Diagnostic] = []
        let source = try #require(ContentLoader(contentDirectory: Repository.path("Content")).load(&diagnostics))
        #expect(source.config.strategies.map(\.id) == ["2008", "2010", "2017"])
    }

    @Test(arguments: documents)
    func documentPageHasEveryHeadingAndTable(_ slug: String) throws {
        let markdown = try String(contentsOfFile: Repository.path("Content/documents/\(slug).md"), encoding: .utf8)
        let page = try String(contentsOfFile: Self.built.output + "/documents/\(slug).html", encoding: .utf8)
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

    @Test func homePageReachesEveryDocument() throws {
        let home = try String(contentsOfFile: Self.built.output + "/index.html", encoding: .utf8)
        for slug in Self.documents { #expect(home.contains("href=\"documents/\(slug).html\""), "\(slug)") }
    }

    @Test func briefingEndnotesAreLinkedBothWays() throws {
        let page = try String(contentsOfFile: Self.built.output + "/documents/2017-drug-strategy-briefing.html", encoding: .utf8)
        for number in 1...16 {
            #expect(page.contains("<a id=\"fnref:\(number)\" href=\"#fn:\(number)\""), "reference \(number)")
            #expect(page.contains("<li id=\"fn:\(number)\">"), "note \(number)")
            #expect(page.contains("href=\"#fnref:\(number)\""), "back-link \(number)")
        }
    }

    @Test func guideIndicatorTablesLinkTheirIndicators() throws {
        let page = try String(contentsOfFile: Self.built.output + "/documents/2008-guide-for-local-partnerships.html", encoding: .utf8)
        #expect(page.occurrences(of: "<table>") >= 1)
        #expect(page.contains("href=\"../indicators/index.html#ni-149\""))
    }
}
