/// Something that watches files and adds what changed to a ``ChangeFeed`` until stopped.
protocol ChangeSource: Sendable {
    func start(feeding feed: ChangeFeed)
    func stop()
}
