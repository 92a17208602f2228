/// The answer to one Tab: the word fragment before the cursor and the words that could replace it.
public struct Completion: Sendable, Equatable {
    /// One word that could stand where the fragment is.
    public struct Candidate: Sendable, Hashable, Comparable {
        /// The whole word, e.g. `borrow`, `BTCUSDT`, `:help`, `examples/`.
        public var text: String
        /// Whether accepting this word as the only candidate also types a space after it
        /// (keywords and codes do; variables, builtins and directories do not).
        public var appendsSpace: Bool

        /// Makes a candidate.
        public init(_ text: String, appendsSpace: Bool = true) {
            self.text = text
            self.appendsSpace = appendsSpace
        }

        /// Alphabetical order.
        public static func < (a: Candidate, b: Candidate) -> Bool { a.text < b.text }
    }

    /// The text right before the cursor that the candidates would replace (may be empty).
    public var fragment: String
    /// The candidates, sorted, without duplicates, each starting with ``fragment``.
    public var candidates: [Candidate]

    /// Makes a completion from any candidates: keeps those that extend `fragment`, sorted and unique.
    public init(fragment: String, candidates: [Candidate]) {
        self.fragment = fragment
        var seen = Set<String>()
        self.candidates = candidates
            .filter { $0.text.hasPrefix(fragment) && seen.insert($0.text).inserted }
            .sorted()
    }

    /// The words of the candidates, for listing.
    public var words: [String] { candidates.map(\.text) }

    /// The text to type at the cursor: the rest of the only candidate (plus a space when it takes
    /// one), or the part all candidates share beyond the fragment; empty when nothing fits or
    /// nothing is shared.
    public var insertion: String {
        guard let first = candidates.first else { return "" }
        if candidates.count == 1 {
            return String(first.text.dropFirst(fragment.count)) + (first.appendsSpace ? " " : "")
        }
        var shared = first.text
        for candidate in candidates.dropFirst() {
            while !candidate.text.hasPrefix(shared) { shared.removeLast() }
        }
        return String(shared.dropFirst(fragment.count))
    }

    /// Whether the user should see the list: several candidates and nothing more to type.
    public var needsListing: Bool { candidates.count > 1 && insertion.isEmpty }
}
