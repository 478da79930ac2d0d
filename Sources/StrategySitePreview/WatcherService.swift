/// Waits for changes and rebuilds; also keeps the event streams alive. Ends when cancelled.
///
/// No delay is added to a save: the first change starts a rebuild at once. Saves that arrive
/// during a rebuild wait in the feed and the next call returns all of them, so a burst costs
/// at most one more rebuild, however many files it touched.
struct WatcherService: Sendable {
    let server: PreviewServer
    let feed: any ChangeFeed

    func run() async {
        var lastKeepAlive = ContinuousClock.now
        while !Task.isCancelled {
            // A bounded wait, so a stop is noticed within it.
            let changed = await feed.changes(waitingUpTo: .milliseconds(250))
            if Task.isCancelled { break }
            if ContinuousClock.now - lastKeepAlive > .seconds(15) {
                server.hub.keepAlive()
                lastKeepAlive = .now
            }
            if !changed.isEmpty { await server.rebuild(changed) }
        }
    }
}
