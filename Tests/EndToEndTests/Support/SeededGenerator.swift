/// SplitMix64 with a fixed seed: generated test inputs that are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `text` with each letter's case chosen at random.
    mutating func randomCase(_ text: String) -> String {
        String(text.map { Bool.random(using: &self) ? Character($0.uppercased()) : Character($0.lowercased()) })
    }

    /// One element of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }
}
