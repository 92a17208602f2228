import Foundation

/// Bounded waits for a child `Process` to end, for tests.
///
/// Foundation's `waitUntilExit()` spins the calling thread's run loop, which on a thread of Swift concurrency's
/// pool has no sources: a busy loop at 100 % of a core that holds one of the pool's two threads for as long as the
/// child runs — and for ever when Foundation never learns of the exit (it learns through a socket the child
/// inherits; a daemon that also inherited it keeps it open). These waits sleep between checks, are bounded, kill
/// the child when the bound passes, and report a child that still seems to run instead of hanging the suite.
extension Process {
    /// The exit status once the child ends (SIGKILL after `timeout`), or -1 when Foundation still reports it
    /// running 10 s after that (no status a child can exit with); the calling thread sleeps between checks.
    @discardableResult
    public func waitForExit(timeout: TimeInterval = 60) -> Int32 {
        for (bound, kills) in [(timeout, true), (10, false)] {
            let deadline = Date(timeIntervalSinceNow: bound)
            while isRunning && Date() < deadline { usleep(10_000) }
            guard isRunning else { return terminationStatus }
            if kills { kill(processIdentifier, SIGKILL) }
        }
        return -1
    }

    /// ``waitForExit(timeout:)`` for async code: the task sleeps between checks, holding no thread.
    @discardableResult
    public func exited(timeout: Duration = .seconds(60)) async -> Int32 {
        for (bound, kills) in [(timeout, true), (.seconds(10), false)] {
            let deadline = ContinuousClock.now + bound
            while isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
            guard isRunning else { return terminationStatus }
            if kills { kill(processIdentifier, SIGKILL) }
        }
        return -1
    }

    /// SIGTERM, then ``waitForExit(timeout:)``: the usual end of a helper server started by a test.
    public func terminateAndWait(timeout: TimeInterval = 30) {
        if isRunning { terminate() }
        waitForExit(timeout: timeout)
    }
}
