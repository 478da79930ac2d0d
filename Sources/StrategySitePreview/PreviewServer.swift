import Dispatch
import FlyingSocks
import Foundation
import StrategySite
import Synchronization

/// `strategy-site serve`: builds the site in memory, serves it over HTTP/1.1 on FlyingSocks'
/// non-blocking sockets, watches `Content/` and `Templates/`, rebuilds what a change affects and
/// tells open pages to reload (or shows them the errors, while the last good site goes on being
/// served).
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

    public var options: SitePipeline.Options
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
    let stopSignal = StopSignal()
    let reported = ReportedDiagnostics()

    public init(options: SitePipeline.Options, host: String = "127.0.0.1", port: Int = 8000, log: Log = .standard) {
        self.options = options
        self.host = host
        self.port = port
        self.log = log
        site = ServedSite(options: options, bodyEnd: ReloadScript.html)
    }

    /// Builds the site, then serves it until ``stop()``, the task's cancellation or, with
    /// `handleSignals`, SIGINT or SIGTERM, which end the open event streams and then the server.
    /// `onRunning` gets the port the server listens on (useful with port 0). Throws
    /// ``ServeFailure`` when it cannot listen.
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await withTaskExecutorPreference(PreviewExecutor.shared) {
            try await serve(handleSignals: handleSignals, onRunning: onRunning)
        }
    }

    /// ``run(handleSignals:onRunning:)`` on the preview's executor, which every task it starts inherits.
    func serve(handleSignals: Bool, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        // The port is taken first, so a port in use is said at once, not after the first build.
        let listening = try ListeningSocket.open(host: host, port: port)
        defer { listening.close() }
        // Watching starts before the first build, so saves made during it are not lost.
        let (feed, fallback) = ChangeFeed.watching(directories: [options.contentDirectory, options.templatesDirectory],
                                                   pollInterval: pollInterval, debounce: debounce)
        defer { feed.stop() }
        if let fallback { log.problem("warning: " + fallback) }
        let site = self.site
        let start = ContinuousClock.now
        let diagnostics = await Self.background { site.buildAll() }
        report(diagnostics, succeeded: !diagnostics.hasErrors, summary: "Built the site in \(Self.milliseconds(since: start)) ms.")

        let pool = Self.socketPool()
        let listener: AsyncSocket
        do {
            try await pool.prepare()
            listener = try AsyncSocket(socket: listening.socket, pool: pool)
        } catch {
            throw ServeFailure.cannotListen(reason: "\(error)")
        }
        let responder = PreviewResponder(site: site, hub: hub, hostCheck: HostCheck(boundHost: host, port: listening.port))
        let signals = handleSignals ? Self.stopOnSignals(stopSignal) : []
        defer { Self.restoreSignals(signals) }
        await onRunning(listening.port)

        let watcher = WatcherService(server: self, feed: feed)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The pool runs until everything that reads or writes a socket has finished.
            group.addTask { try await pool.run() }
            group.addTask {
                await withDiscardingTaskGroup { services in
                    services.addTask { await watcher.run() }
                    services.addTask { await self.keepStreamsAlive() }
                    services.addTask { await self.accept(on: listener, responder: responder) }
                    await self.stopSignal.wait()
                    // The event streams end first, so open pages see their stream end cleanly;
                    // then no more connections are taken and idle ones are closed.
                    self.hub.close()
                    services.cancelAll()
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Shuts a running server down gracefully, as Ctrl-C does.
    public func stop() {
        stopSignal.trigger()
    }

    /// A comment on every event stream every 15 seconds, until cancelled: it finds pages that
    /// went away and keeps proxies from closing a quiet stream.
    func keepStreamsAlive() async {
        while (try? await Task.sleep(for: .seconds(15))) != nil {
            hub.keepAlive()
        }
    }

    /// Takes connections until cancelled, each served by a task of its own.
    func accept(on listener: AsyncSocket, responder: PreviewResponder) async {
        let idleTimeout = self.idleTimeout
        await withDiscardingTaskGroup { connections in
            while !Task.isCancelled {
                do {
                    let client = try await listener.accept()
                    ListeningSocket.keepFromChildren(client.socket)
                    connections.addTask { await PreviewConnection(socket: client, responder: responder, idleTimeout: idleTimeout).run() }
                } catch is CancellationError {
                    break
                } catch SocketError.disconnected {
                    break
                } catch {
                    // Out of file descriptors, or a connection reset before it was taken: go on shortly.
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    /// The readiness mechanism of this system: epoll on Linux, kqueue on Apple's systems.
    static func socketPool() -> some AsyncSocketPool {
        #if canImport(Darwin)
        return .kQueue()
        #elseif os(Linux)
        return .ePoll()
        #else
        return .poll()
        #endif
    }

    /// SIGINT and SIGTERM stop the server instead of ending the process.
    static func stopOnSignals(_ stop: StopSignal) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.trigger() }
            source.resume()
            return source
        }
    }

    static func restoreSignals(_ sources: [any DispatchSourceSignal]) {
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
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
            // Escaped as the terminal shows them: one line each, whatever a value holds.
            var text = "\(Diagnostic.escaped(error.location.description)): \(Diagnostic.escaped(error.message))"
            if let hint = error.hint { text += "\n  hint: " + Diagnostic.escaped(hint) }
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

/// Set once, by ``PreviewServer/stop()``, a signal or cancellation; the server waits for it.
final class StopSignal: Sendable {
    private let state = Mutex<(stopped: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    var isSet: Bool { state.withLock { $0.stopped } }

    func trigger() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.stopped = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once triggered; a cancelled wait triggers it.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let stopped = state.withLock { state in
                    if !state.stopped { state.waiting.append(continuation) }
                    return state.stopped
                }
                if stopped { continuation.resume() }
            }
        } onCancel: {
            trigger()
        }
    }
}

/// The diagnostics last printed, so unchanged warnings are not printed again.
final class ReportedDiagnostics: Sendable {
    private let last = Mutex<[Diagnostic]?>(nil)

    /// Stores `diagnostics`; returns whether they differ from the last ones.
    @discardableResult
    func replace(_ diagnostics: [Diagnostic]) -> Bool {
        last.withLock { last in
            defer { last = diagnostics }
            return last != diagnostics
        }
    }
}
