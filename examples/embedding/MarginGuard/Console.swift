import Foundation

/// Standard output and error, written whole-line at a time so lines from concurrent callbacks never interleave.
enum Console {
    /// Writes `text` and a newline to standard output.
    static func out(_ text: String) { write(text + "\n", to: FileHandle.standardOutput) }

    /// Writes `text` (and a newline unless `newline` is false) to standard error.
    static func error(_ text: String, newline: Bool = true) { write(newline ? text + "\n" : text, to: FileHandle.standardError) }

    /// A reader that went away (`| head`) or a closed descriptor loses the text, never the guard: `write(contentsOf:)`
    /// throws where `write(_:)` would trap (the network backends ignore SIGPIPE, so a closed pipe is an error here).
    private static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
