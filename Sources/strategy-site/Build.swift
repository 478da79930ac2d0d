import ArgumentParser
import Foundation
import StrategySite

extension StrategySiteCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site into the output folder.",
            discussion: """
                Writes into a staging folder beside the output and swaps it in only when the whole \
                build succeeded, so a failed build leaves the previous site untouched. Dotfiles in the \
                output (.git, .gitkeep) are kept. One build at a time writes an output folder: a second \
                one waits for the first (the lock is the file .<output>.lock beside it). A build that was \
                killed leaves folders beside the output that the next build cleans up, putting back \
                anything of yours they held. Errors are printed as path:line:column: error: message, and \
                the exit status is 1; option values that cannot work (--output inside Content/, --zip in a \
                missing folder, --base-url that is not an http(s) URL) exit 2. The one file it may \
                write outside the output: when the content folder has passages.ledger, the passage ids \
                the site publishes for the first time are appended to it, after the site is written.
                """
        )

        @OptionGroup var site: SiteOptions

        @Option(help: ArgumentHelp("Folder the site is written to; not the home or root folder, and not inside (or around) --content or --templates, links resolved.", valueName: "dir"))
        var output = "Output"

        @Option(name: .customLong("base-url"), help: ArgumentHelp("Absolute http(s) URL the site is published at, for sitemap.xml, robots.txt and feed.xml (overrides base-url in site.yml).", valueName: "url"))
        var baseURL: String?

        @Option(help: ArgumentHelp("Also pack the site into this zip file for offline readers (unpacks into one folder named after the file). Its folder must exist; the zip is written beside it and renamed into place.", valueName: "file"))
        var zip: String?

        @Flag(help: "Replace the output folder even if it is not empty and was not made by strategy-site.")
        var force = false

        /// Option values that can never work are usage errors (exit 2), reported before anything
        /// is read or written: the same checks the build itself makes.
        func validate() throws {
            let builder = SitePipeline(options: site.builderOptions(output: output, baseURL: baseURL, force: force, zip: zip))
            if let reason = builder.optionRefusals().first { throw ValidationError(reason) }
        }

        func run() throws {
            let builder = SitePipeline(options: site.builderOptions(output: output, baseURL: baseURL, force: force, zip: zip))
            do {
                let summary = try builder.build(onWait: { FileHandle.standardError.write("note: \($0)\n") })
                Report.print(summary.warnings)
                let warnings = summary.warnings.isEmpty ? "" : ", \(summary.warnings.count) warning\(summary.warnings.count == 1 ? "" : "s")"
                let zipped = zip.map { " and \($0)" } ?? ""
                print("Built \(summary.documents) documents: \(summary.pages) pages, \(summary.filesWritten) files written to \(output)\(zipped) in \(String(format: "%.2f", summary.seconds)) s\(warnings).")
            } catch {
                Report.print(error.diagnostics)
                throw ExitCode(1)
            }
        }
    }
}
