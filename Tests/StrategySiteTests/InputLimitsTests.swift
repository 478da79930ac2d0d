import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// Input a fuzzer finds: every file is read in bounded time, every key has a stated shape, and
/// every message is one line whatever the input holds.
@Suite("Input limits")
struct InputLimitsTests {
    /// `k0: &a0 [x, … ×10]`, then each level a list of ten aliases of the one before, then the
    /// last level used as a key: expanded, the key has 10^levels nodes.
    static func aliasBomb(levels: Int) -> String {
        var yaml = "k0: &a0 [" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]\n"
        for level in 1...levels {
            yaml += "k\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return yaml + "? *a\(levels)\n: 1\n"
    }

    func messages(_ site: TemporarySite) -> [String] { site.builder().check().map(\.description) }

    @Test func anAliasAsAKeyIsRefusedAtItsPlaceInEveryDataFile() throws {
        let bomb = Self.aliasBomb(levels: 7)
        let keyLine = bomb.split(separator: "\n").count - 1
        for file in ["site.yml", "themes.yml", "indicators.yml"] {
            let site = try TemporarySite.minimal()
            try site.write(file, bomb)
            let found = messages(site)
            #expect(found.contains { $0.hasPrefix("\(site.content)/\(file):\(keyLine):3: error: an alias (*a7) cannot be a mapping key") }, "\(file): \(found)")
        }
    }

    @Test func anAliasAsAKeyInFrontMatterIsRefusedOnItsLineOfTheFile() throws {
        let site = try TemporarySite.minimal(documents: ["one": "---\n" + Self.aliasBomb(levels: 7) + "---\n\nText.\n"])
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix("\(site.content)/documents/one.md:\(Self.aliasBomb(levels: 7).split(separator: "\n").count):3: error: an alias (*a7) cannot be a mapping key") }, "\(found)")
    }

    @Test func aliasesAsValuesAndInFlowMappingsAreFoundOnlyWhereTheyAreKeys() {
        #expect(YAMLAliasKeys.first(in: "a: &x 1\nb: *x\nc: [*x, {d: *x}]\n") == nil)
        #expect(YAMLAliasKeys.first(in: "a: &x 1\nb: {*x : 2}\n") == YAMLAliasKeys.Found(alias: "x", line: 2, column: 5))
        #expect(YAMLAliasKeys.first(in: "- &x k\n- m:\n    *x : 1\n") == YAMLAliasKeys.Found(alias: "x", line: 3, column: 5))
        #expect(YAMLAliasKeys.first(in: "a: [unclosed\n") == nil, "a syntax error is left to Yams to report")
    }

    @Test func columnsCountCharactersOnLongLinesOfAnyScript() {
        let line = String(repeating: "é a ", count: 40) + "中 [^1]" + String(repeating: "x", count: 70) + "ü"
        let text = "first\n" + line + "\n"
        let locator = Locator(path: "d.md", bodyStartLine: 1, original: SourceLines(Array(text.utf8)), noteLines: [:])
        let bytes = Array(line.utf8)
        for byteColumn in [1, 2, 3, 63, 64, 65, 66, 129, 200, bytes.count, bytes.count + 1, bytes.count + 50] {
            let expected = 1 + bytes.prefix(byteColumn - 1).filter { $0 & 0xC0 != 0x80 }.count
            #expect(locator.location(line: 2, column: byteColumn).column == expected, "byte column \(byteColumn)")
        }
        #expect(locator.location(line: 1, column: 6).column == 6)
    }

    // MARK: Strategy keys

    @Test(arguments: [
        ("  \"2017!\": { title: A }\n", "site.yml:4:3: error: strategy key '2017!' must be lower-case letters, digits and single hyphens"),
        ("  \"\": { title: A }\n", "site.yml:4:3: error: strategy key '' must be lower-case letters, digits and single hyphens"),
        ("  \"???\": { title: A }\n", "site.yml:4:3: error: strategy key '???' must be lower-case letters, digits and single hyphens"),
        ("  ? [a, b]\n  : { title: A }\n", "site.yml:4:5: error: a strategy key must be a single value such as \"2010\", not a list or mapping"),
        ("  2010: { title: A }\n", "site.yml:4:3: error: duplicate strategy key '2010': it is already set at line 3"),
    ])
    func strategyKeysHaveTheShapeOfAnIdAndAreUnique(_ extra: String, _ expected: String) throws {
        let site = try TemporarySite.minimal()
        try site.write("site.yml", "title: Test\nstrategies:\n  \"2010\": { title: Test strategy }\n" + extra)
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/" + expected) }, "\(found)")
        #expect(throws: BuildFailure.self) { try site.builder().build() }
    }

    // MARK: Messages

    @Test func controlCharactersInAMessageAreShownEscapedOnOneLine() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(strategy: "nope\\e[31mRED"),
                                                         "two": TemporarySite.document(strategy: "a\\nb")])
        let found = messages(site)
        #expect(found.contains { $0.contains("unknown strategy 'nope\\x1B[31mRED'") }, "\(found)")
        #expect(found.contains { $0.contains("unknown strategy 'a\\nb'") }, "\(found)")
        for message in found {
            #expect(!message.contains("\u{1B}"))
            #expect(message.split(separator: "\n").allSatisfy { $0.hasPrefix(site.content) || $0.hasPrefix("  hint: ") }, "\(message)")
        }
        #expect(Diagnostic.escaped("a\nb\tc\r\u{7F}\u{85}\u{2028}\u{202E}é") == "a\\nb\\tc\\r\\x7F\\x85\\u{2028}\\u{202E}é")
    }

    @Test func aFileNameWithANewlineIsReportedOnOneLine() throws {
        let site = try TemporarySite.minimal()
        try site.write("documents/bad\nname.md", TemporarySite.document())
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/documents/bad\\nname.md:1:1: error: invalid document file name 'bad\\nname.md'") }, "\(found)")
        #expect(found.contains { $0.contains("hint: for example 'bad-name.md'") }, "\(found)")
    }

    @Test func theSuggestedFileNameIsAlwaysAValidOne() {
        #expect(Identifier.suggestion(for: "Ünïcode Name") == "unicode-name")
        #expect(Identifier.suggestion(for: "--a__b--") == "a-b")
        #expect(Identifier.suggestion(for: "中文") == nil)
        for name in ["ünïcode", "Café Crème", "a  b", "ÅÄÖ-2010", "x.y.z", "ﬁle"] {
            #expect(Identifier.suggestion(for: name).map(Identifier.isValid) ?? true, "\(name)")
        }
    }

    // MARK: Indicators

    @Test func aParentCycleAndAnIndicatorRelatedToItselfAreRefused() throws {
        let site = try TemporarySite.minimal()
        try site.write("indicators.yml", """
            - { id: a, title: A, strategy: "2010", kind: psa, parent: b }
            - { id: b, title: B, strategy: "2010", kind: psa, parent: a }
            - { id: c, title: C, strategy: "2010", kind: psa, related: [a, c] }
            - { id: d, title: D, strategy: "2010", kind: psa, parent: a }

            """)
        let found = messages(site)
        #expect(found.contains { $0.hasPrefix(site.content + "/indicators.yml:1:59: error: indicators 'a' → 'b' → 'a' are each other's parents") }, "\(found)")
        #expect(found.contains { $0.hasPrefix(site.content + "/indicators.yml:3:64: error: indicator 'c' cannot be related to itself") }, "\(found)")
        #expect(found.filter { $0.contains("parents") }.count == 1, "one cycle, one error, however many lead into it")
    }
}
