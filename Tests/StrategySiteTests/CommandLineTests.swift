import Foundation
import Testing
import StrategySiteTestSupport
@testable import StrategySite

/// The `strategy-site` executable itself: exit codes and what it prints.
@Suite("Command line")
struct CommandLineTests {
    /// Built next to the test bundle by `swift build --build-tests`.
    static let executable: URL? = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("strategy-site")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    struct Run { var status: Int32; var output: String; var errors: String }

    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], executable: URL? = nil) throws -> Run {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let chosen: URL? = executable ?? Self.executable
        process.executableURL = try #require(chosen, "strategy-site not built next to the tests")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    @Test func buildPrintsOneLineSummary() throws {
        let site = try TemporarySite(copying: "themes-site")
        let result = try run(["build", "--content", "Content", "--templates", Repository.templates], in: site.root)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Built 3 documents: 22 pages, "))
        #expect(result.output.split(separator: "\n").count == 1)
    }

    @Test func checkExitsOneOnErrorsWithLocatedMessages() throws {
        let site = try TemporarySite.minimal(documents: ["one": "---\ntitle: [oops\n---\n"])
        let result = try run(["check", "--content", "Content", "--templates", Repository.templates], in: site.root)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("Content/documents/one.md:"))
        #expect(result.errors.contains(": error: invalid YAML"))
        #expect(!result.errors.contains("Fatal error") && !result.errors.contains("Stack dump"))
    }

    @Test func buildFailureExitsOneAndWritesNothing() throws {
        let site = try TemporarySite.minimal(documents: ["one": TemporarySite.document(body: "[x](doc:missing)\n")])
        let result = try run(["build", "--content", "Content", "--templates", Repository.templates], in: site.root)
        #expect(result.status == 1)
        #expect(result.errors.contains("Content/documents/one.md:9:1: error: unknown document 'missing'"))
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }

    @Test func checkExitsZeroWhenClean() throws {
        let site = try TemporarySite(copying: "themes-site")
        let result = try run(["check", "--content", "Content", "--templates", Repository.templates], in: site.root)
        #expect(result.status == 0)
        #expect(result.output == "0 errors, 0 warnings.\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let site = try TemporarySite(copying: "themes-site")
        #expect(try run(["build", "--no-such-option"], in: site.root).status == 2)
        #expect(try run(["frobnicate"], in: site.root).status == 2)
        #expect(try run(["lookup"], in: site.root).status == 2)
        for empty in ["", "  "] {
            let result = try run(["lookup", empty, "--content", "Content"], in: site.root)
            #expect(result.status == 2, "lookup '\(empty)'")
            #expect(result.errors.contains("give something to look for"), "\(result.errors)")
        }
    }

    @Test func lookupPrintsMatchesWithWhereTheyAreMentioned() throws {
        let site = try TemporarySite(copying: "themes-site")
        let result = try run(["lookup", "ni7", "--content", "Content", "--templates", Repository.templates], in: site.root)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("NI 7 — People in effective treatment [2001 strategy, national-indicator]\n"))
        #expect(result.output.contains("  mentioned in alpha#rent (Rent)\n"))
        #expect(try run(["lookup", "zebra", "--content", "Content"], in: site.root).status == 1)
    }

    @Test func serveUsageErrorsExitTwoAndHelpSaysWhatItServes() throws {
        let site = try TemporarySite(copying: "themes-site")
        #expect(try run(["serve", "--port", "70000"], in: site.root).status == 2)
        let help = try run(["serve", "--help"], in: site.root)
        #expect(help.status == 0)
        #expect(help.output.contains("--port <port>") && help.output.contains("--host <address>") && help.output.contains("--content <dir>"))
        #expect(help.output.contains("The preview answers only requests addressed to 127.0.0.1, localhost"))
    }
}
