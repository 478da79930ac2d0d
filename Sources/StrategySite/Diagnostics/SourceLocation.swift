/// A place in a user's file, 1-based, as editors and their tools expect (`path:line:column`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Path as the user gave it (relative to the working directory when they typed a relative path).
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
