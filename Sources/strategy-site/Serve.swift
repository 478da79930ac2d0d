import ArgumentParser
import Foundation
import StrategySiteCommandLine

extension StrategySiteCommand {
    /// `serve` runs the preview server, a separate executable (`strategy-site-preview`), with the
    /// same options: Hummingbird and SwiftNIO then cost a build only to those who preview.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServeOptions.abstract,
            discussion: ServeOptions.discussion + """

                The server is the program strategy-site-preview, beside strategy-site. If it is missing \
                (make site does not build it) or older than the package's sources, serve builds it first \
                with swift build, which takes a few minutes the first time.
                """
        )

        @OptionGroup var site: SiteOptions
        @OptionGroup var serve: ServeOptions

        func run() throws {
            do {
                let launcher = try PreviewLauncher.current()
                try launcher.prepare()
                try launcher.exec(arguments: serve.arguments(site: site))
            } catch let error as PreviewLauncher.LaunchError {
                FileHandle.standardError.write("error: \(error.description)\n")
                throw ExitCode(1)
            }
        }
    }
}
