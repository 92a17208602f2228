/// Lays completion candidates out in columns, the way shells list them on an ambiguous Tab.
public struct CandidateListing: Sendable {
    /// The words to list.
    public var words: [String]

    /// A listing of `words` (already sorted).
    public init(_ words: [String]) {
        self.words = words
    }

    /// The words in column-major order within `width` columns, each line ending in a newline.
    public func text(width: Int) -> String {
        guard !words.isEmpty else { return "" }
        let cell = (words.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(words.count, width / cell))
        let rows = (words.count + columns - 1) / columns
        var out = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < words.count else { break }
                let word = words[index]
                line += word + String(repeating: " ", count: cell - word.count)
            }
            out += line.trimmingTrailingSpaces() + "\n"
        }
        return out
    }
}
