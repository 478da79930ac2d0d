import Foundation
import StrategySite

/// A site in a fresh temporary directory, made from files given inline or copied from a
/// fixture. Removed when the value goes away.
public final class TemporarySite: Sendable {
    public let root: URL
    public var content: String { root.appendingPathComponent("Content").path }
    public var output: String { root.appendingPathComponent("Output").path }

    public init(copying fixture: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-site-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let fixture {
            try FileManager.default.copyItem(atPath: Repository.fixture(fixture), toPath: content)
        } else {
            try FileManager.default.createDirectory(atPath: content + "/documents", withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `relative` under Content/.
    public func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    public func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: content).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: content + "/" + relative)
    }

    public func options(templates: String = Repository.templates, output: String? = nil) -> SitePipeline.Options {
        SitePipeline.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output ?? self.output)
    }

    public func builder(templates: String = Repository.templates) -> SitePipeline { SitePipeline(options: options(templates: templates)) }

    public func page(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + path) }

    /// Every `.html` page of the built site, by its path under Output/.
    public func pages() throws -> [String: String] {
        var pages: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: output) where path.hasSuffix(".html") { pages[path] = try page(path) }
        return pages
    }

    /// Changes the text of `relative` under Content/.
    public func edit(_ relative: String, _ change: (String) -> String) throws {
        try write(relative, change(try String(contentsOfFile: content + "/" + relative, encoding: .utf8)))
    }

    /// A minimal valid site: one strategy, no themes or indicators.
    public static func minimal(documents: [String: String] = ["one": TemporarySite.document()]) throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("site.yml", "title: Test\nstrategies:\n  \"2010\": { title: Test strategy }\n")
        for (slug, text) in documents { try site.write("documents/\(slug).md", text) }
        return site
    }

    public static func document(title: String = "One", strategy: String = "2010", body: String = "## Heading\n\nText.\n") -> String {
        "---\ntitle: \(title)\nstrategy: \"\(strategy)\"\npublished: 2010-12-08\npublisher: Test\nsummary: A test document.\n---\n\n\(body)"
    }
}

/// Every file and folder under `root` (folders as empty data), except those under `excluding`:
/// compared before and after a run to prove it touched nothing it should not.
public func snapshot(_ root: String, excluding: String? = nil) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for relative in try FileManager.default.subpathsOfDirectory(atPath: root) where excluding.map({ !relative.hasPrefix($0) }) ?? true {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
        files[relative] = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
    }
    return files
}
