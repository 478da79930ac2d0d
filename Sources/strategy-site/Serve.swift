import ArgumentParser
import Foundation
import StrategySitePreview

extension StrategySiteCommand {
    /// `serve`: the live preview, run by this process (its server is part of strategy-site).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

        @OptionGroup var site: SiteOptions
        @OptionGroup var serve: ServeOptions

        func run() async throws {
            let host = serve.host, port = serve.port
            let server = PreviewServer(options: site.builderOptions(), host: host, port: port)
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
                Self.printError("error: could not serve on \(host):\(port): \(error)\n")
                throw ExitCode(1)
            }
            print("Stopped.")
        }

        static func printError(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
