import Foundation

/// Runs `body` to completion from synchronous code (libFuzzer's callback) and waits for it.
///
/// The fuzz entry points are C callbacks on libFuzzer's thread; the code under test is async
/// (actors). A detached task runs it while this thread waits on a semaphore.
public func runBlocking(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await body()
        done.signal()
    }
    done.wait()
}
