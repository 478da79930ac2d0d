import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging
import ServiceLifecycle
import StrategySite

/// `strategy-site serve`: builds the site in memory, serves it with Hummingbird, watches
/// `Content/` and `Templates/`, rebuilds what a change affects and tells open pages to reload
/// (or shows them the errors, while the last good site goes on being served).
public struct PreviewServer: Sendable {
    /// Where the server's messages go: progress to `info`, diagnostics to `problem`.
    public struct Log: Sendable {
        public var info: @Sendable (String) -> Void
        public var problem: @Sendable (String) -> Void

        public init(info: @escaping @Sendable (String) -> Void, problem: @escaping @Sendable (String) -> Void) {
            self.info = info
            self.problem = problem
        }

        /// Standard output and standard error.
        public static let standard = Log(
            info: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
            problem: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        )
        public static let silent = Log(info: { _ in }, problem: { _ in })
    }

    public var options: SiteBuilder.Options
    public var host: String
    public var port: Int
    public var log: Log
    /// Where inotify is unavailable (macOS): how often the watched folders are scanned, and how
    /// long they must be quiet before a rebuild. With inotify a save starts a rebuild at once.
    public var pollInterval: Duration = .milliseconds(200)
    public var debounce: Duration = .milliseconds(100)
    /// How long a connection may stay open without a request in progress, including one whose
    /// headers never arrive in full; open event streams are not idle.
    public var idleTimeout: Duration = .seconds(30)

    /// The site in memory; its pages end with ``ReloadScript/html``.
    public let site: ServedSite
    public let hub = EventHub()
    let stopFlag = StopFlag()
    let reported = ReportedDiagnostics()

    public init(options: SiteBuilder.Options, host: String = "127.0.0.1", port: Int = 8000, log: Log = .standard) {
        self.options = options
        self.host = host
        self.port = port
        self.log = log
        site = ServedSite(options: options, bodyEnd: ReloadScript.html)
    }

    /// Builds the site, then serves it until the task is cancelled or, with `handleSignals`, until
    /// SIGINT or SIGTERM, which shut down gracefully (open event streams are ended).
    /// `onRunning` gets the port the server listens on (useful with port 0).
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        // Watching starts before the first build, so saves made during it are not lost.
        let (feed, fallback) = makeChangeFeed(directories: [options.contentDirectory, options.templatesDirectory],
                                              pollInterval: pollInterval, debounce: debounce)
        if let fallback { log.problem("warning: " + fallback) }
        let site = self.site
        let start = ContinuousClock.now
        let diagnostics = await Self.background { site.buildAll() }
        report(diagnostics, succeeded: !diagnostics.hasErrors, summary: "Built the site in \(Self.milliseconds(since: start)) ms.")

        let address = BoundAddress()
        let host = self.host
        var logger = Logger(label: "strategy-site.serve")
        logger.logLevel = .warning
        let idle = TimeAmount.nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000 + idleTimeout.components.attoseconds / 1_000_000_000)
        let app = Application(
            responder: PreviewResponder(site: site, hub: hub, address: address),
            server: HTTPServerBuilder { responder in
                PreviewChannel(http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idle)), address: address)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                address.bind(host: host, port: port)
                await onRunning(port)
            },
            logger: logger
        )
        // Shutdown runs in reverse: the watcher first, which ends the event streams, then the server.
        let watcherService = WatcherService(server: self, feed: feed)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: app),
                .init(service: watcherService, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger
        ))
        try await group.run()
    }

    /// Shuts a running server down gracefully, as Ctrl-C does (within a quarter of a second).
    public func stop() {
        stopFlag.set()
    }

    // MARK: Rebuilding

    /// Rebuilds after `paths` changed, reports, and tells the pages.
    func rebuild(_ paths: [String]) async {
        let site = self.site
        let start = ContinuousClock.now
        let result = await Self.background { site.rebuild(changed: paths) }
        let names = paths.map { ($0 as NSString).lastPathComponent }
        let shown = names.count > 3 ? names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more" : names.joined(separator: ", ")
        report(result.diagnostics, succeeded: result.succeeded,
               summary: "Rebuilt \(result.pagesRendered) page\(result.pagesRendered == 1 ? "" : "s") in \(Self.milliseconds(since: start)) ms (\(shown)).")
    }

    func report(_ diagnostics: [Diagnostic], succeeded: Bool, summary: String) {
        if succeeded {
            // Warnings are printed when they change, not after every save.
            if reported.replace(diagnostics) {
                for warning in diagnostics { log.problem(warning.description) }
            }
            log.info(summary)
            hub.reload()
        } else {
            reported.replace(diagnostics)
            for diagnostic in diagnostics { log.problem(diagnostic.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let them = errors == 1 ? "it" : "them"
            if site.file(at: SitePaths.home) != nil {
                log.info("\(errors) error\(errors == 1 ? "" : "s"): still serving the last good site. Fix \(them) and save.")
            } else {
                log.info("\(errors) error\(errors == 1 ? "" : "s"): the site could not be built. Fix \(them) and save.")
            }
            hub.showErrors(Self.errorText(diagnostics.filter { $0.severity == .error }))
        }
    }

    /// What the overlay shows: `path:line:col: message`, one per error, with hints indented.
    public static func errorText(_ errors: [Diagnostic]) -> String {
        errors.map { error in
            var text = "\(error.location): \(error.message)"
            if let hint = error.hint {
                text += "\n  hint: " + hint.replacingOccurrences(of: "\n", with: "\n  ")
            }
            return text
        }.joined(separator: "\n")
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Runs blocking work (a build) off the Swift concurrency pool.
    static func background<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

/// Set once, read by the watcher loop.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

/// The diagnostics last printed, so unchanged warnings are not printed again.
final class ReportedDiagnostics: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [Diagnostic]?

    /// Stores `diagnostics`; returns whether they differ from the last ones.
    @discardableResult
    func replace(_ diagnostics: [Diagnostic]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let changed = last != diagnostics
        last = diagnostics
        return changed
    }
}
