import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// `check` warns of a name a template writes that the page's model does not have: it would
/// render as nothing and no one would notice.
@Suite("Templates: names no page model has are warnings at their place")
struct TemplateNameCheckTests {
    func check(editing template: String, _ edit: (String) -> String) throws -> (messages: [String], path: String, text: String) {
        let site = try TemporarySite.minimal()
        let templates = site.root.appendingPathComponent("Templates").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        let path = templates + "/" + template
        let text = edit(try String(contentsOfFile: path, encoding: .utf8))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (site.builder(templates: templates).check().map(\.description), path, text)
    }

    func position(of needle: String, in text: String) throws -> (line: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains(needle) })
        let line = lines[index]
        return (index + 1, line.distance(from: line.startIndex, to: try #require(line.range(of: needle)).lowerBound) + 1)
    }

    @Test func aMisspeltNameIsAWarningWithTheNameItMeant() throws {
        let (messages, path, text) = try check(editing: "theme.mustache") {
            $0.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{titel}}</h1>")
        }
        let place = try position(of: "titel", in: text)
        #expect(messages.contains { $0.hasPrefix("\(path):\(place.line):\(place.column): warning: template name 'titel' is not in the model of this page") && $0.contains("did you mean 'title'?") }, "\(messages)")
    }

    @Test func dottedNamesAndPartialsAreCheckedToo() throws {
        let (messages, path, text) = try check(editing: "partials/section-themes.mustache") {
            $0.replacingOccurrences(of: "{{#themes}}", with: "{{site.title}}{{#themes}}{{hreff}}")
        }
        let place = try position(of: "hreff", in: text)
        #expect(messages.contains { $0.hasPrefix("\(path):\(place.line):\(place.column): warning: template name 'hreff'") && $0.contains("did you mean 'href'?") }, "\(messages)")
        // The block under a heading is rendered on its own: the layout's names are not there.
        #expect(messages.contains { $0.contains("warning: template name 'site.title'") }, "\(messages)")
    }

    @Test func namesOfEnclosingModelsAndTheLayoutAreKnown() throws {
        // Inside {{#document}}, `root` comes from the frame and `slug` from the document.
        let (messages, _, _) = try check(editing: "document.mustache") {
            $0.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1 data-root=\"{{root}}\" data-slug=\"{{slug}}\">{{title}}</h1>")
        }
        #expect(!messages.contains { $0.contains("template name") }, "\(messages)")
    }

    @Test func theProjectsTemplatesUseNoUnknownName() throws {
        var diagnostics: [Diagnostic] = []
        let templates = try #require(TemplateSet.load(directory: Repository.templates, &diagnostics))
        #expect(templates.unknownNames(SiteRenderer.templateModels).isEmpty)
        #expect(Set(SiteRenderer.templateModels.keys) == Set(PageTemplate.allCases), "every template the site renders has its model")
    }
}
