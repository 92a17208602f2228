/// A small seeded pseudo-random generator (SplitMix64): the same seed gives the same numbers on every run.
///
/// The simulator's only randomness (random walks, synthetic order ids) and the generated inputs of the
/// tests come from it, so a run — and a failing generated test — can always be repeated. Not for secrets.
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable, Hashable {
    /// The generator's whole state (persisted with the simulator's state).
    public var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    public mutating func next(upTo bound: UInt64) -> UInt64 { next() % bound }

    /// One element of `choices` (not empty).
    public mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next(upTo: UInt64(choices.count)))] }
}
