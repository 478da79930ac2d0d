import ArgumentParser
import Foundation
import StrategySite
import StrategySiteCommandLine
import StrategySitePreview

/// The preview server on its own: what `strategy-site serve` runs. A separate executable so
/// that building `strategy-site` (`make site`) does not compile Hummingbird and SwiftNIO.
@main
struct StrategySitePreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategy-site-preview",
        abstract: ServeOptions.abstract,
        discussion: ServeOptions.discussion + "\n\n`strategy-site serve` runs this program with the same options."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var serve: ServeOptions

    static func main() {
        UsageExit.main(StrategySitePreviewCommand.self)
    }

    func run() throws {
        let port = serve.port
        let host = serve.host
        let server = PreviewServer(options: site.builderOptions(), host: host, port: port)
        let failure = FailureBox()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await server.run { port in
                    // Said once the port is bound, so that with --port 0 it names the real one.
                    if !HostCheck.isLoopback(host) {
                        Self.printError("""
                            warning: --host \(host) is not a loopback address: anyone who can reach this machine on port \(port) can \
                            see the preview. Use --host 127.0.0.1 (the default) to keep it private.

                            """)
                    }
                    let shown = ["0.0.0.0", "::", "[::]"].contains(host) ? "127.0.0.1" : host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                    print("Serving the site at http://\(shown):\(port)/ (press Ctrl-C to stop)")
                    fflush(nil)
                }
            } catch {
                failure.set(error)
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            let reason = "\(error)".contains("Address already in use")
                ? "port \(port) is in use; pass another --port, or --port 0 for any free one" : "\(error)"
            Self.printError("error: could not serve on \(host):\(port): \(reason)\n")
            throw ExitCode(1)
        }
        print("Stopped.")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
