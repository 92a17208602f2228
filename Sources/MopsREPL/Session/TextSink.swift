import Foundation

/// Where the REPL writes text: standard output, standard error, or a buffer in tests.
public struct TextSink: Sendable {
    /// Writes `text` as is (the caller supplies newlines).
    public let write: @Sendable (String) -> Void

    /// A sink that calls `write`.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `text` followed by a newline.
    public func line(_ text: String = "") { write(text + "\n") }

    /// The process's standard output (unbuffered).
    public static let standardOutput = TextSink { FileHandle.standardOutput.write(Data($0.utf8)) }
    /// The process's standard error (unbuffered).
    public static let standardError = TextSink { FileHandle.standardError.write(Data($0.utf8)) }
}
