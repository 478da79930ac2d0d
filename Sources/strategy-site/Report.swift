import Foundation
import StrategySite

/// Prints diagnostics to standard error, one per line, as compilers do.
enum Report {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(diagnostic.description + "\n")
        }
    }
}

extension FileHandle {
    func write(_ text: String) { write(Data(text.utf8)) }
}
