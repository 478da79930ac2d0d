import Foundation

/// Keeps one mistake in a data file from burying itself under the errors it causes.
///
/// When `themes.yml` cannot be read (one line indented wrongly is enough), no theme exists, so
/// every `theme:` link, every `<!-- themes: -->` comment and every indicator's `themes` list
/// is "unknown": hundreds of errors, the one that matters somewhere among them. The same holds
/// for `indicators.yml` and `indicator:` links. While a data file has errors, the unknown-id
/// errors it explains are left out and one warning, at the file's first error, says how many
/// there were; they are checked again once the file is fixed.
enum DiagnosticCascade {
    struct Source {
        var file: String
        /// Whether a problem is one this file's errors explain.
        var explains: (Diagnostic.Cause) -> Bool
        var what: String
    }

    static func collapse(_ diagnostics: [Diagnostic], contentDirectory: String) -> [Diagnostic] {
        let folder = contentDirectory.hasSuffix("/") ? contentDirectory : contentDirectory + "/"
        let sources = [
            Source(file: folder + "themes.yml", explains: { if case .unknownTheme = $0 { true } else { false } }, what: "themes"),
            Source(file: folder + "indicators.yml", explains: { if case .unknownIndicator = $0 { true } else { false } }, what: "indicators"),
        ]
        var result = diagnostics
        for source in sources {
            let rootErrors = result.filter { $0.location.path == source.file && $0.severity == .error }.sorted()
            guard let first = rootErrors.first else { continue }
            let isConsequence = { (diagnostic: Diagnostic) in
                diagnostic.severity == .error && diagnostic.cause.map(source.explains) == true
            }
            let consequences = result.filter { isConsequence($0) && !rootErrors.contains($0) }
            guard !consequences.isEmpty else { continue }
            result.removeAll { isConsequence($0) && !rootErrors.contains($0) }
            let count = consequences.count
            result.append(.warning("\(count) reference\(count == 1 ? "" : "s") to \(source.what) not checked: \((source.file as NSString).lastPathComponent) has errors",
                                   at: first.location, hint: "fix the error\(rootErrors.count == 1 ? "" : "s") in this file first; the references are checked again then"))
        }
        return result
    }
}
