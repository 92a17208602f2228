import Dispatch

/// Runs `body` on a thread of its own (a serial dispatch queue's), still inside the test's task — so `#expect` works —
/// but off Swift concurrency's few shared threads (two on a 2-core machine): a test that waits seconds for child
/// processes must not hold one of them, or the suite's async tests starve and time out.
public func offThePool<T>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(OwnThreadExecutor()) { try await body() }
}

/// A task executor that runs its jobs on a serial dispatch queue of its own.
public final class OwnThreadExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "mops.tests.own-thread")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// A step of a test that failed (a helper process that exited non-zero), with what it said.
public struct StepFailed: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}
