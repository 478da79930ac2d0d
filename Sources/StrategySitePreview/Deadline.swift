/// A step of a connection (a request head to arrive, a write to be taken) took longer than allowed.
struct DeadlinePassed: Error {}

/// Runs `operation`; if it has not finished within `limit`, cancels it and throws ``DeadlinePassed``.
func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: Result<T, DeadlinePassed>.self) { group in
        group.addTask { .success(try await operation()) }
        group.addTask {
            try await Task.sleep(for: limit)
            return .failure(DeadlinePassed())
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return try first.get()
    }
}
