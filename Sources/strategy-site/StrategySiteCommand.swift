import ArgumentParser
import Foundation
import StrategySite

@main
struct StrategySiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy-site",
        abstract: "Build the drug strategy site from Content/ and Templates/ into Output/.",
        subcommands: [Build.self, Check.self, Lookup.self, Serve.self]
    )

    /// Usage errors exit 2, as the README promises; ArgumentParser's default is 64.
    static func main() async {
        await UsageExit.main(StrategySiteCommand.self)
    }
}
