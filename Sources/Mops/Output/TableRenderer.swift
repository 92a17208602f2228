/// Renders a ``Table`` as aligned plain text:
///
/// ```
/// balances (cross margin)
/// asset        free   locked  borrowed  interest  netAsset
/// USDT     10000.5        0       100      0.01   9900.49
/// ```
public struct TableRenderer: Sendable {
    /// Makes a renderer.
    public init() {}

    /// The table as lines of text ending with a newline; an empty table says so.
    public func render(_ table: Table) -> String {
        var out = table.title + "\n"
        if table.rows.isEmpty {
            return out + "  (none)\n"
        }
        var widths = table.columns.map(\.count)
        for row in table.rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(table.numeric[i] ? pad + cell : cell + pad)
            }
            var text = "  " + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        out += line(table.columns)
        for row in table.rows { out += line(row) }
        return out
    }
}
