import Testing
@testable import MarginSim

@Suite struct RunningClockTests {
    @Test func startsAtItsInstantAndNeverRunsBackwards() async throws {
        let clock = RunningClock(start: 1_000_000)
        let first = clock.nowMilliseconds()
        #expect(first >= 1_000_000 && first < 1_060_000)
        try await Task.sleep(for: .milliseconds(5))
        let second = clock.nowMilliseconds()
        #expect(second >= first + 5)
    }
}
