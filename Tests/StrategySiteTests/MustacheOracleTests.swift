import Foundation
import Mustache
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The project's template engine against swift-mustache, a second implementation of the same
/// Mustache: every page of every fixture site and of the real `Content/` is rendered from the
/// very same contexts by both, and must come out byte for byte the same.
@Suite("Templates: the project's engine renders every page as swift-mustache does")
struct MustacheOracleTests {
    @Test(arguments: ["themes-site", "browser-site", "preview-site", "Content"])
    func everyPageRendersAsSwiftMustacheRendersIt(_ name: String) throws {
        let site = try TemporarySite(copying: name == "Content" ? nil : name)
        let builder = name == "Content"
            ? SitePipeline(options: .init(contentDirectory: Repository.path("Content"), templatesDirectory: Repository.templates, outputDirectory: site.output))
            : site.builder()
        let prepared = builder.prepare()
        var renderer = try #require(prepared.renderer, "\(prepared.diagnostics)")
        let ours = renderer.renderAll()
        let oracle = try SwiftMustacheOracle(directory: Repository.templates)
        renderer.otherEngine = { template, stack in oracle.render(template, stack) }
        let theirs = Dictionary(renderer.renderAll().map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
        #expect(ours.filter { !$0.template.isEmpty }.count >= 5)
        for page in ours where !page.template.isEmpty {
            #expect(page.contents == theirs[page.path], "\(name): \(page.path) differs")
        }
    }
}

/// swift-mustache over the same template files, escaping with the project's escaper (through
/// a content type, put in front of each template as a pragma) and reading ``TemplateValue``s
/// through its `MustacheParent` protocol.
struct SwiftMustacheOracle: Sendable {
    let library: MustacheLibrary

    struct Escaper: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    static let register: Void = MustacheContentTypes.register(Escaper(), named: "STRATEGYSITE_TEST_HTML")

    init(directory: String) throws {
        _ = Self.register
        var library = MustacheLibrary()
        let root = URL(fileURLWithPath: directory)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "mustache" {
            let relative = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let text = try String(contentsOf: file, encoding: .utf8)
            // On a line of its own, which Mustache drops whole.
            library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: STRATEGYSITE_TEST_HTML}}\n" + text), named: String(relative.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// Templates from their texts, named as given.
    init(sources: [String: String]) throws {
        _ = Self.register
        var library = MustacheLibrary()
        for (name, text) in sources {
            library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: STRATEGYSITE_TEST_HTML}}\n" + text), named: name)
        }
        self.library = library
    }

    func render(_ template: String, _ context: TemplateValue) -> [UInt8] {
        Array((library.render(Self.convert(context), withTemplate: template) ?? "").utf8)
    }

    /// A stack of contexts as one, the innermost (last) first: what the layout and the page's
    /// model give together.
    func render(_ template: String, _ stack: [TemplateValue]) -> [UInt8] {
        Array((library.render(Stack(frames: stack.reversed().map(Self.convert)), withTemplate: template) ?? "").utf8)
    }

    struct Stack: MustacheParent {
        let frames: [Any]
        func child(named name: String) -> Any? {
            for case let frame as MustacheParent in frames { if let found = frame.child(named: name) { return found } }
            return nil
        }
    }

    struct Blank: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    struct Object: MustacheParent {
        let object: any TemplateObject
        func child(named name: String) -> Any? { object.field(name).map(SwiftMustacheOracle.convert) }
    }

    /// Empty text and lists as swift-mustache's null renderables, so they are false in a
    /// section and stop the lookup, as they do in the project's engine.
    static func convert(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): text.isEmpty ? Blank() : text
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let items): items.isEmpty ? Blank() : items.map(convert)
        case .object(let object): Object(object: object)
        case .blank: Blank()
        }
    }
}
