import Foundation

/// Paths of the repository, found from this file so tests run from any working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    public static var templates: String { path("Templates") }
    public static func fixture(_ name: String) -> String { path("Tests/Fixtures/\(name)") }
}
