import Foundation

/// Runs `body` on a thread of its own and awaits it: a test that waits seconds for child processes must not hold one
/// of Swift concurrency's few shared threads (two on a 2-core machine), or the suite's async tests starve and time out.
/// `body` records no expectations (it is outside the test's task): it returns what the test checks, or throws.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A step of a test that failed (a helper process that exited non-zero), with what it said.
struct StepFailed: Error, CustomStringConvertible {
    var description: String
}
