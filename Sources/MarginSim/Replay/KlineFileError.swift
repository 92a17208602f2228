/// A price-series file that cannot be replayed: where (file, line, column) and what to do about it.
///
/// Rendered as `FILE:LINE:COLUMN: MESSAGE (HINT)`, the form compilers use, so editors can jump to it.
public struct KlineFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name as given.
    public var file: String
    /// The line, from 1; 0 when the problem is the file as a whole (its name, reading it).
    public var line: Int
    /// The column of the field at fault, from 1 (in bytes).
    public var column: Int
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String

    /// Makes an error from its fields.
    public init(file: String, line: Int, column: Int, message: String, hint: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `FILE:LINE:COLUMN: MESSAGE (HINT)`, or `FILE: MESSAGE (HINT)` when it is about the file as a whole.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message) (\(hint))" : "\(file): \(message) (\(hint))"
    }
}
