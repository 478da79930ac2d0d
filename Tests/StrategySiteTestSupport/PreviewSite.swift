import Foundation
import StrategySite

/// A copy of Tests/Fixtures/preview-site as Content/ and of the project's Templates/, in a fresh
/// temporary folder, removed when the value goes away: a site to edit as an editor does while
/// `serve` runs. Paths are absolute, as the watcher reports them.
public final class PreviewSite: Sendable {
    public let root: URL
    public var content: String { root.appendingPathComponent("Content").path }
    public var templates: String { root.appendingPathComponent("Templates").path }
    public var options: SitePipeline.Options {
        SitePipeline.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: root.appendingPathComponent("Output").path)
    }

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.fixture("preview-site"), toPath: content)
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public func contentPath(_ relative: String) -> String { content + "/" + relative }
    public func templatePath(_ relative: String) -> String { templates + "/" + relative }

    public func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Writes a file the way an editor saves: the new text replaces the old in one step.
    public func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public func edit(_ path: String, _ change: (String) -> String) throws {
        try write(path, change(try read(path)))
    }

    public func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: path) }

    public static func document(title: String, strategy: String = "2010", published: String = "2010-12-20", body: String) -> String {
        """
        ---
        title: \(title)
        strategy: "\(strategy)"
        type: Guide
        published: \(published)
        publisher: Fixture Office
        summary: \(title), for the tests.
        ---

        \(body)

        """
    }
}

public struct TimedOut: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// Waits until `condition` holds, checking every 50 ms; fails after `timeout` seconds.
public func eventually(_ what: String, timeout: Double = 30, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    // Once more after the deadline: with every thread of the pool held by other tests, this task
    // may not have run at all until now, though what it waits for has long happened.
    if try await condition() { return }
    throw TimedOut(description: "timed out waiting for \(what)")
}
