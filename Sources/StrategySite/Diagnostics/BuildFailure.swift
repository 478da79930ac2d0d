/// Thrown when a run found errors: carries every diagnostic of the run, warnings included.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.normalized()
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
