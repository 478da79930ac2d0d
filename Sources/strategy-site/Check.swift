import ArgumentParser
import StrategySite

extension StrategySiteCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check content and templates without writing anything.",
            discussion: "Reports every problem as path:line:column: error|warning: message. Exits 1 if there are errors, 0 otherwise."
        )

        @OptionGroup var site: SiteOptions

        @Option(help: ArgumentHelp("Output folder a build would write; check warns if build would refuse it.", valueName: "dir"))
        var output = "Output"

        func run() throws {
            let diagnostics = SitePipeline(options: site.builderOptions(output: output)).check()
            Report.print(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
