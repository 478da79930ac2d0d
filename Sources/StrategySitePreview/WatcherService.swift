/// Rebuilds after each batch of changes from the feed, until cancelled.
///
/// No delay is added to a save: the first change starts a rebuild at once. Changes that arrive
/// during a rebuild are gathered by the feed and taken together right after it, so a burst
/// costs at most one more rebuild, however many files it touched.
struct WatcherService: Sendable {
    let server: PreviewServer
    let feed: ChangeFeed

    func run() async {
        for await changed in feed.batches {
            await server.rebuild(changed)
        }
    }
}
