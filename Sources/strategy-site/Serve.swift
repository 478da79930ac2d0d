import ArgumentParser
import Foundation
import StrategySite
import StrategySitePreview

extension StrategySiteCommand {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the site locally and reload open pages when Content/ or Templates/ change.",
            discussion: """
                Builds the site in memory (nothing is written to the output folder) and serves it at \
                http://127.0.0.1:8000/. Saving a file rebuilds only what it affects and reloads every open \
                page, keeping its scroll position. If the change has errors, the last good site goes on \
                being served and the errors (path:line:column: message) appear over every open page and \
                here, until they are fixed. Press Ctrl-C to stop.

                The preview answers only requests addressed to 127.0.0.1, localhost or the --host address, \
                and only from the site in memory. It answers 400 to a request with several Host headers or \
                with an absolute-form target (http://other.example/) for another server, and closes a \
                connection with no request in progress, or with headers never finished, after 30 seconds.
                """
        )

        @OptionGroup var site: SiteOptions

        @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
        var port = 8000

        @Option(help: ArgumentHelp("Address to listen on. Keep the default unless others must see the preview: any other address exposes it to your network.", valueName: "address"))
        var host = "127.0.0.1"

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        }

        func run() throws {
            let host = self.host
            let server = PreviewServer(options: site.builderOptions(), host: host, port: port)
            let failure = FailureBox()
            let finished = DispatchSemaphore(value: 0)
            Task.detached {
                do {
                    try await server.run { port in
                        // Said once the port is bound, so that with --port 0 it names the real one.
                        if !HostCheck.isLoopback(host) {
                            FileHandle.standardError.write("""
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
                FileHandle.standardError.write("error: could not serve on \(host):\(port): \(reason)\n")
                throw ExitCode(1)
            }
            print("Stopped.")
        }
    }
}

/// The error a background task ended with, read once it signalled.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ error: Error) { lock.lock(); stored = error; lock.unlock() }
}
