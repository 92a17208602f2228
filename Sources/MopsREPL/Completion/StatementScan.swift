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
        case string, interpolation([Lexeme], [OpenCall]), block, call(OpenCall)
    }

    /// The word right before the cursor (empty after a space or punctuation).
    private(set) var fragment = ""
    /// The tokens of the current statement before the fragment.
    private(set) var statement: [Lexeme] = []
    /// The argument lists of the current statement that are still open, innermost last.
    private(set) var openCalls: [OpenCall] = []
    /// Whether the cursor is inside a string literal (outside any `{…}` interpolation).
    private(set) var insideString = false
    /// Whether the current statement follows a `}` (so `else` may come).
    private(set) var afterClosingBrace = false

    /// The open strings, interpolations, blocks and calls around the cursor, innermost last.
    private var stack: [Frame] = []

    init(_ text: String) {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            i = inString ? stringStep(chars, i) : step(chars, i)
        }
        insideString = inString
        if !insideString, let last = chars.last, last.isLetter || last.isNumber || last == "_" || last == "-" || last == "%" || last == ".",
           let token = statement.last, token.kind == .word || token.kind == .number {
            fragment = token.text
            statement.removeLast()
        }
    }

    private var inString: Bool { if case .string = stack.last { return true }; return false }

    private mutating func endStatement(closingBrace: Bool = false) {
        statement = []
        openCalls = []
        afterClosingBrace = closingBrace
    }

    /// One character inside a string literal; the index of the next.
    private mutating func stringStep(_ chars: [Character], _ i: Int) -> Int {
        let c = chars[i]
        if c == "\\" { return i + 2 }
        if c == "\"" {
            stack.removeLast()
            statement.append(Lexeme(text: "\"…\"", kind: .other))
        } else if c == "{" {
            stack.append(.interpolation(statement, openCalls))
            statement = []
            openCalls = [OpenCall(function: nil, argumentIndex: 0)]
        }
        return i + 1
    }

    /// One token or separator outside strings; the index after it.
    private mutating func step(_ chars: [Character], _ i: Int) -> Int {
        let c = chars[i]
        switch c {
        case " ", "\t", "\r":
            return i + 1
        case "#":
            var j = i
            while j < chars.count && chars[j] != "\n" { j += 1 }
            return j
        case "\n", ";":
            if openCalls.isEmpty { endStatement() }
        case "\"":
            stack.append(.string)
        case "{":
            stack.append(.block)
            endStatement()
        case "}":
            closeBrace()
        case "(", "[":
            let name = c == "(" && statement.last?.kind == .word ? statement.last?.text : nil
            let call = OpenCall(function: name, argumentIndex: 0)
            openCalls.append(call)
            stack.append(.call(call))
            statement.append(Lexeme(text: String(c), kind: .other))
        case ")", "]":
            if !openCalls.isEmpty { openCalls.removeLast() }
            if case .call? = stack.last { stack.removeLast() }
            statement.append(Lexeme(text: String(c), kind: .closing))
        case ",":
            if !openCalls.isEmpty { openCalls[openCalls.count - 1].argumentIndex += 1 }
            statement.append(Lexeme(text: ",", kind: .other))
        default:
            if c.isLetter || c == "_" { return word(chars, i) }
            if c.isNumber { return number(chars, i) }
            statement.append(Lexeme(text: String(c), kind: .other))
        }
        return i + 1
    }

    /// A `}`: the end of an interpolation (back to the string's statement) or of a block.
    private mutating func closeBrace() {
        if case .interpolation(let saved, let calls)? = stack.last {
            stack.removeLast()
            statement = saved
            openCalls = calls
        } else {
            if case .block? = stack.last { stack.removeLast() }
            endStatement(closingBrace: true)
        }
    }

    /// A name, keyword or code starting at `i`; the index after it.
    private mutating func word(_ chars: [Character], _ i: Int) -> Int {
        var j = i + 1
        while j < chars.count {
            let d = chars[j]
            if d.isLetter || d.isNumber || d == "_" { j += 1; continue }
            // `take-profit`: a hyphen joins lower-case letters.
            if d == "-" && chars[i].isLowercase && (j + 1 == chars.count || chars[j + 1].isLetter) { j += 1; continue }
            break
        }
        statement.append(Lexeme(text: String(chars[i..<j]), kind: .word))
        return j
    }

    /// A number, percentage or duration starting at `i`; the index after it.
    private mutating func number(_ chars: [Character], _ i: Int) -> Int {
        var j = i + 1
        while j < chars.count && (chars[j].isNumber || chars[j].isLetter || chars[j] == "." || chars[j] == "_" || chars[j] == "%") { j += 1 }
        statement.append(Lexeme(text: String(chars[i..<j]), kind: .number))
        return j
    }
}
