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

    /// The process's standard output (unbuffered; ``StandardStream``).
    public static let standardOutput = TextSink { StandardStream.output.write($0) }
    /// The process's standard error (unbuffered; ``StandardStream``).
    public static let standardError = TextSink { StandardStream.error.write($0) }
}
