/// One problem found in the user's content or templates.
///
/// Diagnostics are values so that a run can gather every problem before reporting: an editor
/// fixes ten mistakes in one pass instead of ten rebuilds.
public struct Diagnostic: Error, Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// What a problem is about, for the steps that treat some problems apart (the message is
    /// for people and may be reworded): ``DiagnosticCascade`` leaves out the unknown ids a
    /// broken data file explains.
    public enum Cause: Hashable, Sendable {
        /// A `#fragment` link written in a document that names no id of its page.
        case unknownFragment(String)
        /// A theme id that themes.yml does not define.
        case unknownTheme(String)
        /// An indicator id that indicators.yml does not define.
        case unknownIndicator(String)
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A short suggestion of what to do, printed on its own line when present.
    public var hint: String?
    /// Set where a later step needs to know what the problem is; nil for most.
    public var cause: Cause?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil, cause: Cause? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.hint = hint
        self.cause = cause
    }

    public static func error(_ message: String, at location: SourceLocation, hint: String? = nil, cause: Cause? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint, cause: cause)
    }

    public static func warning(_ message: String, at location: SourceLocation, hint: String? = nil, cause: Cause? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint, cause: cause)
    }

    /// `path:line:col: error: message`, the format compilers use, so editors and terminals can jump to it.
    /// A value or file name can hold any character; each line printed here is one line on the
    /// terminal, and none can move the cursor or change colours (see ``escaped(_:)``).
    public var description: String {
        var text = "\(Self.escaped(location.description)): \(severity.rawValue): \(Self.escaped(message))"
        if let hint { text += "\n  hint: \(Self.escaped(hint))" }
        return text
    }

    /// `text` with every control character (C0, DEL, C1), line or paragraph separator and
    /// bidirectional override written as an escape: `\n`, `\r`, `\t`, `\x1B`, `\u{2028}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { result.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += scalar.value < 0x100 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
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
