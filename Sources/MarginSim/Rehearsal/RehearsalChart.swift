import BinanceMargin

/// The chart of a rehearsal as one self-contained HTML page (inline SVG, no scripts, no outside files):
/// price, margin level with the margin-call and liquidation bars, debt and equity over simulated time,
/// with every borrow, repay, fill and liquidation marked.
///
/// Series are drawn with at most two points per pixel column (the lowest and highest value in it), so a
/// year of minutes stays a small file and no dip is lost. Every mark carries a class and a `<title>`
/// (shown on hover) so tests and people can find it.
public enum RehearsalChart {
    static let width = 960, plotLeft = 80, plotRight = 940, panelHeight = 180, panelGap = 60, top = 50
    /// The distance between event dots, and how many rows of dots fit above the plot.
    static let markSpacing = 10, markRows = 4

    /// The HTML page for `log`.
    public static func html(_ log: RehearsalLog) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape("Rehearsal of \(log.symbol)"))</title>
        <style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}svg text{font:12px system-ui,sans-serif}</style>
        </head><body>
        <pre>\(escape(RehearsalSummary.render(log)))</pre>
        \(svg(log))
        </body></html>

        """
    }

    /// The SVG element: three panels sharing the time axis, then the event marks.
    static func svg(_ log: RehearsalLog) -> String {
        let height = top + 3 * panelHeight + 2 * panelGap + 40
        guard let first = log.samples.first, let last = log.samples.last else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"60\"><text x=\"10\" y=\"30\">nothing was replayed</text></svg>"
        }
        let axis = TimeAxis(start: first.time, end: last.time, left: plotLeft, right: plotRight)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"]
        parts.append(pricePanel(log, axis: axis, top: top))
        parts.append(marginPanel(log, axis: axis, top: top + panelHeight + panelGap))
        parts.append(balancePanel(log, axis: axis, top: top + 2 * (panelHeight + panelGap)))
        parts.append(eventMarks(log, axis: axis, from: top, to: top + 3 * panelHeight + 2 * panelGap))
        let bottom = top + 3 * panelHeight + 2 * panelGap + 20
        parts.append(label(UTCTime.format(first.time, seconds: false) + " UTC", x: plotLeft, y: bottom, anchor: "start"))
        parts.append(label(UTCTime.format(last.time, seconds: false) + " UTC", x: plotRight, y: bottom, anchor: "end"))
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The price line.
    static func pricePanel(_ log: RehearsalLog, axis: TimeAxis, top: Int) -> String {
        let prices = log.samples.map { ($0.time, Optional($0.price)) }
        let values = log.samples.map(\.price)
        let panel = ChartPanel(title: "\(log.symbol) price", top: top, height: panelHeight, low: values.min()!, high: values.max()!)
        return panel.frame() + panel.line(prices, axis: axis, kind: "price", color: "#1f77b4")
    }

    /// The margin level with the margin-call and liquidation bars; gaps where there was no debt.
    static func marginPanel(_ log: RehearsalLog, axis: TimeAxis, top: Int) -> String {
        let levels = log.samples.compactMap(\.marginLevel)
        let low = min(levels.min() ?? log.liquidationLevel, log.liquidationLevel, 1)
        let cap = (try? log.marginCallLevel * 4) ?? log.marginCallLevel
        let high = max(min(levels.max() ?? cap, cap), (try? log.marginCallLevel + 1) ?? log.marginCallLevel)
        let panel = ChartPanel(title: "margin level", top: top, height: panelHeight, low: low, high: high)
        return panel.frame()
            + panel.bar(log.marginCallLevel, kind: "margin-call", text: "margin call \(log.marginCallLevel)", color: "#ff7f0e")
            + panel.bar(log.liquidationLevel, kind: "liquidation", text: "liquidation \(log.liquidationLevel)", color: "#d62728")
            + panel.line(log.samples.map { ($0.time, $0.marginLevel) }, axis: axis, kind: "margin-level", color: "#9467bd")
    }

    /// Debt and equity on one scale.
    static func balancePanel(_ log: RehearsalLog, axis: TimeAxis, top: Int) -> String {
        let values = log.samples.flatMap { [$0.debt, $0.equity] }
        let panel = ChartPanel(title: "debt and equity (\(log.valuationAsset))", top: top, height: panelHeight,
                               low: min(values.min()!, 0), high: values.max()!)
        return panel.frame()
            + panel.line(log.samples.map { ($0.time, Optional($0.debt)) }, axis: axis, kind: "debt", color: "#d62728")
            + panel.line(log.samples.map { ($0.time, Optional($0.equity)) }, axis: axis, kind: "equity", color: "#2ca02c")
    }

    /// One mark per event: a vertical line through the panels and a dot above them, titled with what happened.
    /// Dots closer than ``markSpacing`` stack upwards (up to ``markRows``), so no event hides another.
    static func eventMarks(_ log: RehearsalLog, axis: TimeAxis, from: Int, to: Int) -> String {
        let colors: [RehearsalEvent.Kind: String] = [.borrow: "#ff7f0e", .repay: "#17becf", .fill: "#7f7f7f", .liquidation: "#d62728"]
        var rowEnds = [Int](repeating: -markSpacing, count: markRows)   // the x of the last dot in each row (x ≥ 0)
        return log.events.map { event in
            let x = axis.x(event.time), color = colors[event.kind] ?? "#000"
            let row = rowEnds.firstIndex { x - $0 >= markSpacing } ?? (rowEnds.indices.min { rowEnds[$0] < rowEnds[$1] } ?? 0)
            rowEnds[row] = x
            let title = escape("\(UTCTime.format(event.time)) UTC: \(event.text)")
            return "<g class=\"event event-\(event.kind.rawValue)\" data-time=\"\(event.time)\"><title>\(title)</title>"
                + "<line x1=\"\(x)\" y1=\"\(from)\" x2=\"\(x)\" y2=\"\(to)\" stroke=\"\(color)\" stroke-opacity=\"0.35\"/>"
                + "<circle cx=\"\(x)\" cy=\"\(from - 8 - markSpacing * row)\" r=\"4\" fill=\"\(color)\"/></g>"
        }.joined(separator: "\n")
    }

    /// A text element.
    static func label(_ text: String, x: Int, y: Int, anchor: String) -> String {
        "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\">\(escape(text))</text>"
    }

    /// `text` safe inside HTML/SVG text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
