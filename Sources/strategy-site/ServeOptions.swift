import ArgumentParser

/// The options of `strategy-site serve`.
public struct ServeOptions: ParsableArguments {
    /// What `serve` does, for its help.
    public static let abstract = "Preview the site locally and reload open pages when Content/ or Templates/ change."
    public static let discussion = """
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

    @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
    public var port = 8000

    @Option(help: ArgumentHelp("Address to listen on. Keep the default unless others must see the preview: any other address exposes it to your network.", valueName: "address"))
    public var host = "127.0.0.1"

    public init() {}

    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }
}
