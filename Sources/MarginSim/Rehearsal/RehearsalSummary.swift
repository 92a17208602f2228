import BinanceMargin

/// The terminal summary of a rehearsal: equity, the lowest margin level and when, debt and interest,
/// activity, and sparklines of the price and the margin level.
public enum RehearsalSummary {
    /// The summary of `log`, lines of at most about `width` characters, ending with a newline.
    public static func render(_ log: RehearsalLog, width: Int = 72) -> String {
        guard let first = log.samples.first, let last = log.samples.last else {
            return "rehearsal of \(log.symbol): nothing was replayed\n"
        }
        let asset = log.valuationAsset
        let spark = max(8, width - 16)
        var lines = ["rehearsal of \(log.symbol), \(UTCTime.format(first.time, seconds: false)) → \(UTCTime.format(last.time, seconds: false)) UTC (\(log.samples.count) samples)"]
        lines.append(row("equity", "\(first.equity) → \(last.equity) \(asset)\(change(from: first.equity, to: last.equity))"))
        lines.append(row("margin level", lowest(log)))
        lines.append(row("debt", "\(first.debt) → \(last.debt) \(asset), interest charged \(log.interestPaid) \(asset)"))
        lines.append(row("activity", activity(log)))
        let prices = log.samples.map(\.price)
        lines.append(row("price", Sparkline.render(prices, width: spark) + "  \(prices.min()!)–\(prices.max()!)"))
        let levels = log.samples.compactMap(\.marginLevel)
        if !levels.isEmpty {
            lines.append(row("level", Sparkline.render(levels, width: spark, bucket: .lowest) + "  \(levels.min()!)–\(levels.max()!)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  label         text`.
    static func row(_ label: String, _ text: String) -> String {
        "  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + text
    }

    /// ` (-15.68 %)`, or empty when it cannot be said (no starting equity).
    static func change(from start: Number, to end: Number) -> String {
        guard start > 0, let difference = end.subtracting(start), let scaled = try? difference * 100,
              let percent = try? scaled.divided(by: start, scale: 2, rounding: .halfEven) else { return "" }
        return " (\(percent > 0 ? "+" : "")\(percent.formatted(places: 2)) %)"
    }

    /// `lowest 1.18 at 2024-03-12 14:03 — below the margin call (1.5)`, or that there was no debt.
    static func lowest(_ log: RehearsalLog) -> String {
        guard let worst = log.lowestMarginLevel, let level = worst.marginLevel else { return "no debt at any sample" }
        var text = "lowest \(level) at \(UTCTime.format(worst.time, seconds: false))"
        if level <= log.liquidationLevel {
            text += " — at or below liquidation (\(log.liquidationLevel))"
        } else if level < log.marginCallLevel {
            text += " — below the margin call (\(log.marginCallLevel))"
        }
        return text
    }

    /// `12 orders, 10 fills, 1 liquidation, 2 borrows, 1 repay`.
    static func activity(_ log: RehearsalLog) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let events = { (kind: RehearsalEvent.Kind) in log.events.filter { $0.kind == kind }.count }
        return [count(log.orders, "order"), count(log.fills, "fill"), count(events(.liquidation), "liquidation"),
                count(events(.borrow), "borrow"), count(events(.repay), "repay")].joined(separator: ", ")
    }
}
