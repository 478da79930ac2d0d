/// One problem found in the user's content or templates.
///
/// Diagnostics are values so that a run can gather every problem before reporting: an editor
/// fixes ten mistakes in one pass instead of ten rebuilds.
public struct Diagnostic: Error, Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A short suggestion of what to do, printed on its own line when present.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    /// `path:line:col: error: message`, the format compilers use, so editors and terminals can jump to it.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, b.severity, a.message) < (b.location, a.severity, b.message)
    }
}

extension Sequence where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file and position, with exact repeats removed.
    public func normalized() -> [Diagnostic] {
        Array(Set(self)).sorted()
    }
}
