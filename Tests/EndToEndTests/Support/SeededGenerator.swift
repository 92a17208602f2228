import BinanceMargin

extension SplitMix64 {
    /// `text` with each letter's case chosen at random.
    mutating func randomCase(_ text: String) -> String {
        String(text.map { Bool.random(using: &self) ? Character($0.uppercased()) : Character($0.lowercased()) })
    }
}
