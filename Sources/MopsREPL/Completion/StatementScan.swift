/// One lexical token as the completer sees it (a rough cut of the language's tokenizer that also
/// copes with the unfinished text before the cursor).
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name, keyword or code.
        case word
        /// A number, percentage or duration: `100`, `0.5`, `50%`, `5s`.
        case number
        /// `)` or `]`: the end of a value.
        case closing
        /// Operators, strings and other punctuation.
        case other
    }

    var text: String
    var kind: Kind

    /// Whether this is an asset or symbol code (an upper-case word).
    var isCode: Bool { kind == .word && (text.first?.isUppercase ?? false) }
}

/// The text before the cursor, cut into what completion needs: the fragment being typed, the
/// tokens of the statement it belongs to, the argument lists it sits in, and whether it is in a
/// string.
struct StatementScan: Sendable {
    /// An open `(` (with the name before it, if any) or `[` (no name), and how many `,` came after it.
    struct OpenCall: Sendable, Equatable {
        var function: String?
        var argumentIndex: Int
    }

    private enum Frame {
        case string, interpolation([Token], [OpenCall]), block, call(OpenCall)
    }

    /// The word right before the cursor (empty after a space or punctuation).
    private(set) var fragment = ""
    /// The tokens of the current statement before the fragment.
    private(set) var statement: [Token] = []
    /// The argument lists of the current statement that are still open, innermost last.
    private(set) var openCalls: [OpenCall] = []
    /// Whether the cursor is inside a string literal (outside any `{…}` interpolation).
    private(set) var insideString = false
    /// Whether the current statement follows a `}` (so `else` may come).
    private(set) var afterClosingBrace = false

    init(_ text: String) {
        let chars = Array(text)
        var stack: [Frame] = []
        var i = 0

        func inString() -> Bool { if case .string = stack.last { return true }; return false }
        func endStatement(closingBrace: Bool = false) {
            statement = []
            openCalls = []
            afterClosingBrace = closingBrace
        }

        while i < chars.count {
            let c = chars[i]
            if inString() {
                if c == "\\" { i += 2; continue }
                if c == "\"" {
                    stack.removeLast()
                    statement.append(Token(text: "\"…\"", kind: .other))
                } else if c == "{" {
                    stack.append(.interpolation(statement, openCalls))
                    statement = []
                    openCalls = [OpenCall(function: nil, argumentIndex: 0)]
                }
                i += 1
                continue
            }
            switch c {
            case " ", "\t", "\r":
                i += 1
            case "#":
                while i < chars.count && chars[i] != "\n" { i += 1 }
            case "\n", ";":
                if openCalls.isEmpty { endStatement() }
                i += 1
            case "\"":
                stack.append(.string)
                i += 1
            case "{":
                stack.append(.block)
                endStatement()
                i += 1
            case "}":
                if case .interpolation(let saved, let calls)? = stack.last {
                    stack.removeLast()
                    statement = saved
                    openCalls = calls
                } else {
                    if case .block? = stack.last { stack.removeLast() }
                    endStatement(closingBrace: true)
                }
                i += 1
            case "(", "[":
                let name = c == "(" && statement.last?.kind == .word ? statement.last?.text : nil
                let call = OpenCall(function: name, argumentIndex: 0)
                openCalls.append(call)
                stack.append(.call(call))
                statement.append(Token(text: String(c), kind: .other))
                i += 1
            case ")", "]":
                if !openCalls.isEmpty { openCalls.removeLast() }
                if case .call? = stack.last { stack.removeLast() }
                statement.append(Token(text: String(c), kind: .closing))
                i += 1
            case ",":
                if !openCalls.isEmpty { openCalls[openCalls.count - 1].argumentIndex += 1 }
                statement.append(Token(text: ",", kind: .other))
                i += 1
            default:
                if c.isLetter || c == "_" {
                    var j = i + 1
                    while j < chars.count {
                        let d = chars[j]
                        if d.isLetter || d.isNumber || d == "_" { j += 1; continue }
                        // `take-profit`: a hyphen joins lower-case letters.
                        if d == "-" && chars[i].isLowercase && (j + 1 == chars.count || chars[j + 1].isLetter) { j += 1; continue }
                        break
                    }
                    statement.append(Token(text: String(chars[i..<j]), kind: .word))
                    i = j
                } else if c.isNumber {
                    var j = i + 1
                    while j < chars.count && (chars[j].isNumber || chars[j].isLetter || chars[j] == "." || chars[j] == "_" || chars[j] == "%") { j += 1 }
                    statement.append(Token(text: String(chars[i..<j]), kind: .number))
                    i = j
                } else {
                    statement.append(Token(text: String(c), kind: .other))
                    i += 1
                }
            }
        }
        insideString = inString()
        if !insideString, let last = chars.last, last.isLetter || last.isNumber || last == "_" || last == "-" || last == "%" || last == ".",
           let token = statement.last, token.kind == .word || token.kind == .number {
            fragment = token.text
            statement.removeLast()
        }
    }
}
