import BinanceMargin

/// Maps simulated time onto the chart's x pixels, exactly (128-bit intermediates, never traps).
struct TimeAxis {
    let start: Int64, end: Int64, left: Int, right: Int

    /// The x pixel of `time`, clamped to the plot.
    func x(_ time: Int64) -> Int {
        guard end > start else { return left }
        let offset = Int128(min(max(time, start), end)) - Int128(start)
        return left + Int(offset * Int128(right - left) / (Int128(end) - Int128(start)))
    }
}

/// One panel of the chart: a frame with its title and value range, lines drawn in it, horizontal bars.
struct ChartPanel {
    let title: String, top: Int, height: Int, low: Number, high: Number

    /// The y pixel of `value`, clamped to the panel.
    func y(_ value: Number) -> Int {
        top + height - LinearScale(from: low, to: high, steps: height).step(value)
    }

    /// The frame, the title and the range's labels.
    func frame() -> String {
        let left = RehearsalChart.plotLeft, right = RehearsalChart.plotRight
        return "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(right - left)\" height=\"\(height)\" fill=\"none\" stroke=\"#ccc\"/>\n"
            + RehearsalChart.label(title, x: left, y: top - 8, anchor: "start") + "\n"
            + RehearsalChart.label(high.description, x: left - 6, y: top + 4, anchor: "end") + "\n"
            + RehearsalChart.label(low.description, x: left - 6, y: top + height, anchor: "end") + "\n"
    }

    /// A dashed horizontal bar at `value`, labelled.
    func bar(_ value: Number, kind: String, text: String, color: String) -> String {
        let left = RehearsalChart.plotLeft, right = RehearsalChart.plotRight, y = y(value)
        return "<g class=\"bar bar-\(kind)\" data-value=\"\(value)\"><line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(right)\" y2=\"\(y)\" "
            + "stroke=\"\(color)\" stroke-dasharray=\"6 4\"/>" + RehearsalChart.label(text, x: right - 4, y: y - 4, anchor: "end") + "</g>\n"
    }

    /// The series as polylines of class `series-KIND`, split where a value is nil, at most two points per pixel column.
    func line(_ points: [(Int64, Number?)], axis: TimeAxis, kind: String, color: String) -> String {
        var runs: [[(Int, Int)]] = [[]]
        var column: (x: Int, low: Number, high: Number, lowFirst: Bool)?
        func flush() {
            guard let c = column else { return }
            let (a, b) = c.lowFirst ? (c.low, c.high) : (c.high, c.low)
            runs[runs.count - 1].append((c.x, y(a)))
            if b != a { runs[runs.count - 1].append((c.x, y(b))) }
            column = nil
        }
        for (time, value) in points {
            guard let value else { flush(); if !runs[runs.count - 1].isEmpty { runs.append([]) }; continue }
            let x = axis.x(time)
            if var c = column, c.x == x {
                if value < c.low { c.low = value; c.lowFirst = false }
                if value > c.high { c.high = value; c.lowFirst = true }
                column = c
            } else {
                flush()
                column = (x, value, value, true)
            }
        }
        flush()
        return runs.filter { !$0.isEmpty }.map { run in
            "<polyline class=\"series series-\(kind)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\""
                + run.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>"
        }.joined(separator: "\n") + "\n"
    }
}
