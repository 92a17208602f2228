/// What is still open at the end of a chunk of mops source: brackets and string literals.
///
/// This is the REPL's first, purely lexical test for "needs more input": an open `{`, `(`, `[` or
/// string always continues on the continuation prompt. Comments (`#` to the end of the line),
/// escapes and `{…}` interpolation inside strings are understood, so `print "a {b}"` is closed
/// and `print "{"` is not an open block.
public struct InputBalance: Sendable, Equatable {
    /// One thing that is still open.
    public enum Opener: Sendable, Equatable {
        /// `{`, `(` or `[`, with the 1-based line and column where it opened.
        case bracket(Character, line: Int, column: Int)
        /// A string literal that opened at this line and column.
        case string(line: Int, column: Int)
    }

    /// What is open, outermost first.
    public private(set) var open: [Opener] = []
    /// Whether a closing bracket came without its opener (then the parser will report it: the input is complete).
    public private(set) var hasStrayCloser = false

    /// Scans `source`.
    public init(_ source: String) {
        var line = 1, column = 0
        var stack: [Opener] = []
        var iterator = source.makeIterator()
        var escaped = false
        var inComment = false

        while let c = iterator.next() {
            column += 1
            if c == "\n" { line += 1; column = 0; inComment = false; escaped = false; continue }
            if inComment { continue }
            if case .string? = stack.last {
                if escaped { escaped = false; continue }
                switch c {
                case "\\": escaped = true
                case "\"": stack.removeLast()
                case "{": stack.append(.bracket("{", line: line, column: column))
                default: break
                }
                continue
            }
            switch c {
            case "#": inComment = true
            case "\"": stack.append(.string(line: line, column: column))
            case "{", "(", "[": stack.append(.bracket(c, line: line, column: column))
            case "}", ")", "]":
                let opener: Character = c == "}" ? "{" : c == ")" ? "(" : "["
                if case .bracket(let open, _, _)? = stack.last, open == opener {
                    stack.removeLast()
                } else {
                    hasStrayCloser = true
                }
            default: break
            }
        }
        open = stack
    }

    /// Whether something is still open, so the REPL should ask for another line.
    public var needsMoreInput: Bool { !open.isEmpty && !hasStrayCloser }

    /// The innermost open thing, if any.
    public var innermost: Opener? { open.last }
}
