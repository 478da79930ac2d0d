import ArgumentParser
import Foundation
import StrategySite

@main
struct StrategySiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy-site",
        abstract: "Build the drug strategy site from Content/ and Templates/ into Output/.",
        subcommands: [Build.self, Check.self, Lookup.self, Serve.self]
    )

    /// Usage errors exit 2, as the README promises; ArgumentParser's default is 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || code.rawValue == 64 {
                FileHandle.standardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
