import MarginSim

extension MarginSimulator {
    /// Ticks the embedded simulator's clock every second until the task is cancelled, so its time-driven events
    /// (interest hours, walks, liquidations) come while nothing else asks — for `mops watch` and the REPL.
    nonisolated func tickingEverySecond() -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await tick()
            }
        }
    }
}
