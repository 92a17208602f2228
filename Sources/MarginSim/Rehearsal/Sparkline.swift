import BinanceMargin

/// A series drawn in one line of block characters (`▁▂▃▄▅▆▇█`), for a terminal summary.
public enum Sparkline {
    /// The eight heights, lowest first.
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// How a run of values that falls into one character is summarised.
    public enum Bucket: Sendable {
        /// The last value (a price's close).
        case last
        /// The lowest value (a margin level's worst moment, so a dip is never averaged away).
        case lowest
    }

    /// `values` drawn in at most `width` characters; empty for no values.
    ///
    /// Heights are relative to the lowest and highest summarised value; a flat series is drawn at the bottom.
    public static func render(_ values: [Number], width: Int, bucket: Bucket = .last) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let columns = min(width, values.count)
        var summary: [Number] = []
        for column in 0..<columns {
            let range = (column * values.count / columns)..<((column + 1) * values.count / columns)
            let slice = values[range]
            summary.append(bucket == .last ? slice.last! : slice.min()!)
        }
        let scale = LinearScale(from: summary.min()!, to: summary.max()!, steps: blocks.count - 1)
        return String(summary.map { blocks[scale.step($0)] })
    }
}

/// Maps decimals in `from...to` onto the whole steps `0...steps`, exactly and without trapping.
struct LinearScale {
    let from: Number, to: Number, steps: Int

    /// The step for `value`, clamped to `0...steps`; 0 for an empty range or an arithmetic overflow.
    func step(_ value: Number) -> Int {
        guard to > from, let offset = value.subtracting(from), let span = to.subtracting(from),
              let scaled = try? offset * Number(steps),
              let position = try? scaled.divided(by: span, scale: 0, rounding: .halfEven),
              let whole = Int(position.description) else { return 0 }
        return min(max(whole, 0), steps)
    }
}
