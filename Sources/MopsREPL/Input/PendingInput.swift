/// The lines of one statement (or block) typed so far, across continuation prompts.
public struct PendingInput: Sendable, Equatable {
    /// The lines as typed, without their newlines.
    public private(set) var lines: [String] = []

    /// Makes an empty input.
    public init() {}

    /// Whether nothing has been typed yet (the next prompt is the main one).
    public var isEmpty: Bool { lines.isEmpty }

    /// Adds one typed line.
    public mutating func append(_ line: String) { lines.append(line) }

    /// Whether the lines form a complete multi-line `if` chain without a final `else`, so the REPL
    /// waits for one more line: `else …` continues the chain, anything else runs it first.
    public var isAwaitingElse = false

    /// Forgets everything typed (Ctrl-C).
    public mutating func clear() {
        lines.removeAll()
        isAwaitingElse = false
    }

    /// Whether `line` continues an `if` chain: its first word is `else`.
    public static func startsWithElse(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("else") else { return false }
        guard let next = trimmed.dropFirst(4).first else { return true }
        return !(next.isLetter || next.isNumber || next == "_")
    }

    /// Joins an `else …` line onto the last line (`}` then `else {` becomes `} else {`), because
    /// the language wants `else` on the line of the `}` that closes the `if` block.
    public mutating func appendElse(_ line: String) {
        guard let last = lines.last else { return append(line) }
        lines[lines.count - 1] = Self.strippingComment(last) + " " + String(line.drop { $0 == " " || $0 == "\t" })
        isAwaitingElse = false
    }

    /// The source to run: the lines joined by newlines, exactly as typed.
    public var source: String { lines.joined(separator: "\n") }

    /// Whether the text is blank or only a comment, so there is nothing to run.
    public var isBlank: Bool {
        lines.allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.first == "#"
        }
    }

    /// The statement as one history line, so Up recalls it whole.
    ///
    /// Line breaks inside `(` or `[`, after `{` and before `}` become spaces; a break between two
    /// statements becomes `; ` so the recalled line means the same; a break inside a string is kept
    /// (libedit stores it escaped).
    public var historyEntry: String {
        guard lines.count > 1 else { return lines.first ?? "" }
        // A comment would swallow what is joined after it: drop comments from all but the last line.
        let lines = self.lines.indices.map { $0 == self.lines.count - 1 ? self.lines[$0] : Self.strippingComment(self.lines[$0]) }
        var entry = lines[0]
        for index in lines.indices.dropFirst() {
            let next = lines[index]
            let balance = InputBalance(lines[...(index - 1)].joined(separator: "\n"))
            let previousEnd = entry.reversed().first { $0 != " " && $0 != "\t" }
            let nextStart = next.first { $0 != " " && $0 != "\t" }
            let trimmedNext = String(next.drop { $0 == " " || $0 == "\t" })
            switch balance.innermost {
            case .string?:
                entry += "\n" + next
            case .bracket("(", _, _)?, .bracket("[", _, _)?:
                entry += " " + trimmedNext
            default:
                if previousEnd == nil || previousEnd == "{" || previousEnd == ";" || nextStart == "}" || nextStart == nil {
                    entry += " " + trimmedNext
                } else {
                    entry += "; " + trimmedNext
                }
            }
        }
        return entry.trimmingTrailingSpaces()
    }

    /// `line` without a trailing `#` comment (a `#` inside a string is kept).
    static func strippingComment(_ line: String) -> String {
        var inString = false, escaped = false, interpolation = 0
        for index in line.indices {
            let c = line[index]
            if inString && interpolation == 0 {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false } else if c == "{" { interpolation = 1 }
                continue
            }
            switch c {
            case "\"": if interpolation == 0 { inString = true }
            case "{": if interpolation > 0 { interpolation += 1 }
            case "}": if interpolation > 0 { interpolation -= 1 }
            case "#": return String(line[..<index]).trimmingTrailingSpaces()
            default: break
            }
        }
        return line
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
