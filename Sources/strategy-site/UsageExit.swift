import ArgumentParser
import Foundation

/// Runs a root command so that usage errors exit 2, as the README promises (ArgumentParser's
/// default is 64).
public enum UsageExit {
    public static func main<Command: ParsableCommand>(_ command: Command.Type) async {
        do {
            var parsed = try command.parseAsRoot()
            if var running = parsed as? any AsyncParsableCommand {
                try await running.run()
            } else {
                try parsed.run()
            }
        } catch {
            let code = command.exitCode(for: error)
            if code == .validationFailure || code.rawValue == 64 {
                FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            command.exit(withError: error)
        }
    }
}
