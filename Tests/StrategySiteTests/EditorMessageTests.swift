import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Messages point at the one thing to fix: a front-matter error is one error, not a cascade
/// of "unknown document" errors wherever the document is named, and hints guess what was
/// meant (a transposed strategy key, the heading a renamed one became).
@Suite("Editor messages")
struct EditorMessageTests {
    static let linking = TemporarySite.document(title: "Two", body: """
        ## Links

        See [the heading](doc:one#heading) and [the document](doc:one).

        """)

    static func problems(_ site: TemporarySite) -> [String] {
        ProvenanceTests.problems(site)
    }

    @Test(arguments: [
        ("publsher: Test", "documents/one.md:5:1: error: unknown field 'publsher' in front matter"),
        ("published: 2017-13", "documents/one.md:4:12: error: 'published' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2017-13'"),
        ("strategy: \"2071\"", "documents/one.md:3:11: error: unknown strategy '2071'"),
    ])
    func aFrontMatterErrorIsOneErrorAndTheDocumentStaysKnown(_ line: String, _ expected: String) throws {
        var one = TemporarySite.document()
        let key = String(line.prefix { $0 != ":" })
        let lines = one.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix(key == "publsher" ? "publisher:" : key + ":") ? Substring(line) : $0 }
        one = lines.joined(separator: "\n")
        let site = try TemporarySite.minimal(documents: ["one": one, "two": Self.linking])
        try site.write("indicators.yml", "- id: figure-x\n  title: X\n  strategy: \"2010\"\n  kind: figure\n  values:\n    - { value: \"Text\", date: none, source: \"doc:one#heading\" }\n")
        let problems = Self.problems(site)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
        #expect(!problems.contains { $0.contains("unknown document") })
        #expect(throws: BuildFailure.self) { _ = try site.builder().build() }
    }

    @Test func aTransposedStrategyKeyIsSuggested() throws {
        let site = try TemporarySite()
        try site.write("site.yml", "title: Test\nstrategies:\n  \"2008\": { title: A }\n  \"2010\": { title: B }\n  \"2017\": { title: C }\n")
        try site.write("documents/one.md", TemporarySite.document(strategy: "2071"))
        let problems = Self.problems(site)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.contains("hint: did you mean '2017'?") == true, "\(problems)")
        #expect("2071".editDistance(to: "2017") == 1)
        #expect("2071".editDistance(to: "2008") == 2)
    }

    @Test func aLinkToARenamedHeadingSuggestsTheHeadingItBecame() throws {
        let one = TemporarySite.document(body: "## Building recovery in communities\n\nText.\n\n## Reducing demand\n\nMore.\n")
        let two = TemporarySite.document(title: "Two", body: "See [recovery](doc:one#recovery).\n")
        let site = try TemporarySite.minimal(documents: ["one": one, "two": two])
        let problems = Self.problems(site)
        #expect(problems == ["documents/two.md:9:5: error: unknown anchor '#recovery' in document 'one'\n  hint: the heading may have been renamed: did you mean 'doc:one#building-recovery-in-communities'?"])
        #expect("housing-support".likeliestHeading(in: ["reducing-demand", "housing", "support-for-housing-and-homes"]) == "support-for-housing-and-homes")
        #expect("recovery".likeliestHeading(in: ["recovery-housing-and-employment-support", "building-recovery-in-communities"]) == "building-recovery-in-communities")
        #expect("nothing-alike".likeliestHeading(in: ["reducing-demand"]) == nil)
    }
}
