/// Something a script shows: the interpreter hands these to the configured output sink, and the
/// front end (CLI, REPL, embedder) decides how to render them (``TableRenderer`` for text, JSON for `-o json`).
public enum OutputEvent: Sendable, Hashable {
    /// A line from `print`.
    case line(String)
    /// A table from `show`.
    case table(Table)
    /// Commentary from the interpreter itself: plan-mode requests, projected margin levels.
    case note(String)
    /// The account was liquidated (found by the interpreter's check of `forceLiquidationRec`).
    case liquidation(LiquidationNotice)
}

/// A table of text cells with a title; numeric columns are right-aligned when rendered.
public struct Table: Sendable, Hashable {
    /// What the table shows: `balances (cross margin)`.
    public var title: String
    /// Column headers.
    public var columns: [String]
    /// Which columns hold numbers (right-aligned).
    public var numeric: [Bool]
    /// Rows of cells, one per column.
    public var rows: [[String]]

    /// Makes a table.
    public init(title: String, columns: [String], numeric: [Bool]? = nil, rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.numeric = numeric ?? columns.map { _ in false }
        self.rows = rows
    }
}
