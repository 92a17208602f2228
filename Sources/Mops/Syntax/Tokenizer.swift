import BinanceMargin

/// Turns mops source text into tokens, reporting malformed text as diagnostics and carrying on.
///
/// Newlines end statements except inside `(` and `[`, where a line may continue. `#` starts a
/// comment to the end of the line (so a `#!` first line works).
package struct Tokenizer {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private var line: Int
    private var column: Int
    private var nesting = 0
    private var insideInterpolation = false
    /// How many string interpolations enclose this text (bounded by ``Limits/nesting``).
    private var interpolationDepth = 0
    /// Problems found so far.
    package private(set) var diagnostics: [Diagnostic] = []

    /// Prepares to tokenize `text`.
    package init(_ text: String) {
        self.bytes = Array(text.utf8)
        self.index = 0
        self.end = bytes.count
        self.line = 1
        self.column = 1
    }

    private init(bytes: [UInt8], start: SourceLocation, end: Int, interpolationDepth: Int) {
        self.interpolationDepth = interpolationDepth
        self.bytes = bytes
        self.index = start.offset
        self.end = end
        self.line = start.line
        self.column = start.column
        self.nesting = 1   // inside an interpolation newlines do not end anything
        self.insideInterpolation = true
    }

    /// Tokenizes the whole text; the last token is `.eof`.
    package mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 3)
        while true {
            let token = next()
            if case .newline = token.kind {
                if let last = tokens.last, case .newline = last.kind { continue }
                if tokens.isEmpty { continue }
            }
            tokens.append(token)
            if case .eof = token.kind { break }
        }
        return tokens
    }

    // MARK: - Scanning

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: index) }

    private func peek(_ ahead: Int = 0) -> UInt8 {
        index + ahead < end ? bytes[index + ahead] : 0
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        } else {
            // a UTF-8 continuation byte: same column as its lead byte
        }
    }

    private mutating func error(_ message: String, from start: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(phase: .syntax, range: SourceRange(start, location), message: message, hint: hint))
    }

    private mutating func next() -> Token {
        let afterPrevious = location   // "end of line" is reported right after the last token, not after a comment
        skipSpaceAndComments()
        let start = location
        guard index < end else { return Token(.eof, SourceRange(start, start)) }
        let byte = peek()
        switch byte {
        case UInt8(ascii: "\n"):
            advance()
            let at = afterPrevious.line == start.line ? afterPrevious : start
            return Token(.newline, SourceRange(at, at))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number(from: start)
        case UInt8(ascii: "\""):
            return string(from: start)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return word(from: start)
        default:
            return punctuation(from: start)
        }
    }

    private mutating func skipSpaceAndComments() {
        while index < end {
            let byte = peek()
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                advance()
            } else if byte == UInt8(ascii: "\n") && nesting > 0 {
                if !insideInterpolation && nextLineStartsStatement() {
                    nesting = 0   // an unclosed ( or [: end the statement here rather than swallow the next one
                    return
                }
                advance()
            } else if byte == UInt8(ascii: "\\") && (peek(1) == UInt8(ascii: "\n") || (peek(1) == UInt8(ascii: "\r") && peek(2) == UInt8(ascii: "\n"))) {
                advance(); if peek() == UInt8(ascii: "\r") { advance() }; advance()   // explicit line continuation
            } else if byte == UInt8(ascii: "#") {
                while index < end && peek() != UInt8(ascii: "\n") { advance() }
            } else {
                return
            }
        }
    }

    /// Words that can only start a statement: a line beginning with one ends an unclosed bracket.
    private static let statementStarters: Set<String> = [
        "let", "if", "while", "for", "every", "wait", "assert", "print", "show", "def", "return", "exit",
        "borrow", "repay", "transfer", "buy", "sell", "cancel", "sim", "break", "continue",
    ]

    private func nextLineStartsStatement() -> Bool {
        var i = index + 1
        while i < end && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") || bytes[i] == UInt8(ascii: "\r")) { i += 1 }
        if i < end && bytes[i] == UInt8(ascii: "}") { return true }
        let from = i
        while i < end && bytes[i] >= UInt8(ascii: "a") && bytes[i] <= UInt8(ascii: "z") { i += 1 }
        guard i > from, i >= end || !Tokenizer.isWordByte(bytes[i]) else { return false }
        return Tokenizer.statementStarters.contains(String(decoding: bytes[from..<i], as: UTF8.self))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }

    private mutating func number(from start: SourceLocation) -> Token {
        var text = ""
        var sawPoint = false
        while index < end {
            let b = peek()
            if Tokenizer.isDigit(b) {
                text.append(Character(UnicodeScalar(b)))
                advance()
            } else if b == UInt8(ascii: "_") && Tokenizer.isDigit(peek(1)) {
                advance()
            } else if b == UInt8(ascii: ".") && !sawPoint && Tokenizer.isDigit(peek(1)) {
                sawPoint = true
                text.append(".")
                advance()
            } else {
                break
            }
        }
        guard let value = Number(text) else {
            error("number '\(text)' is too large or too precise (at most 38 digits)", from: start)
            return Token(.invalid(text), SourceRange(start, location))
        }
        if peek() == UInt8(ascii: "%") {
            advance()
            return Token(.percent(value), SourceRange(start, location))
        }
        if (peek() >= UInt8(ascii: "a") && peek() <= UInt8(ascii: "z")) || (peek() >= UInt8(ascii: "A") && peek() <= UInt8(ascii: "Z")) {
            var unit = ""
            while index < end && Tokenizer.isWordByte(peek()) {
                unit.append(Character(UnicodeScalar(peek())))
                advance()
            }
            guard let size = DurationFormat.milliseconds(perUnit: unit) else {
                error("unknown unit '\(unit)' after the number \(text)", from: start,
                      hint: "durations are written 500ms, 5s, 10m, 1h or 1d; put a space between an amount and an asset: 100 USDT")
                return Token(.invalid(text + unit), SourceRange(start, location))
            }
            guard let scaled = try? value * Number(size), scaled.exactInt64 != nil || scaled.normalized.scale > 0 else {
                error("duration \(text)\(unit) is too long: a duration holds at most 9223372036854775807ms (about 292 million years)", from: start)
                return Token(.invalid(text + unit), SourceRange(start, location))
            }
            guard let ms = scaled.exactInt64 else {
                error("duration \(text)\(unit) must be a whole number of milliseconds", from: start)
                return Token(.invalid(text + unit), SourceRange(start, location))
            }
            return Token(.duration(ms), SourceRange(start, location))
        }
        return Token(.number(value), SourceRange(start, location))
    }

    private mutating func word(from start: SourceLocation) -> Token {
        let from = index
        while index < end && Tokenizer.isWordByte(peek()) { advance() }
        // `take-profit` is one word (an order type).
        if index - from == 4 && bytes[from..<index].elementsEqual("take".utf8) && peek() == UInt8(ascii: "-")
            && bytes.count >= index + 7 && bytes[(index + 1)..<(index + 7)].elementsEqual("profit".utf8)
            && !(index + 7 < end && Tokenizer.isWordByte(bytes[index + 7])) {
            for _ in 0..<7 { advance() }
        }
        let text = String(decoding: bytes[from..<index], as: UTF8.self)
        let range = SourceRange(start, location)
        let first = bytes[from]
        if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") {
            if !bytes[from..<index].contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
                return Token(.code(text), range)
            }
            error("'\(text)' mixes upper and lower case", from: start,
                  hint: "asset and symbol codes are upper case (\(text.uppercased())); variables and keywords are lower case")
            return Token(.invalid(text), range)
        }
        if let keyword = Keyword(rawValue: text) { return Token(.keyword(keyword), range) }
        return Token(.identifier(text), range)
    }

    private mutating func punctuation(from start: SourceLocation) -> Token {
        let byte = peek()
        let two = index + 1 < end ? String(decoding: bytes[index...(index + 1)], as: UTF8.self) : ""
        if let p = Punct(rawValue: two), two.count == 2 {
            advance(); advance()
            return Token(.punct(p), SourceRange(start, location))
        }
        let one = String(UnicodeScalar(byte))
        if byte < 0x80, let p = Punct(rawValue: one) {
            advance()
            switch p {
            case .lparen, .lbracket: nesting += 1
            case .rparen, .rbracket: nesting = max(0, nesting - 1)
            default: break
            }
            return Token(.punct(p), SourceRange(start, location))
        }
        if byte == UInt8(ascii: ";") {
            advance()
            return Token(.newline, SourceRange(start, location))
        }
        // One whole (possibly multi-byte) character.
        advance()
        while index < end && bytes[index] & 0xC0 == 0x80 { advance() }
        let text = String(decoding: bytes[start.offset..<index], as: UTF8.self)
        var hint: String? = nil
        if text == "!" { hint = "use 'not' for negation and '!=' for inequality" }
        if text == "&" || text == "|" { hint = "use 'and' / 'or'" }
        if text == "%" { hint = "a percentage is written right after its number: 50%" }
        if text == "'" { hint = "strings use double quotes: \"text\"" }
        error("unexpected character '\(text)'", from: start, hint: hint)
        return Token(.invalid(text), SourceRange(start, location))
    }

    private mutating func string(from start: SourceLocation) -> Token {
        advance()   // opening quote
        var parts: [Token.StringPart] = []
        var text = ""
        while true {
            guard index < end, peek() != UInt8(ascii: "\n") else { return unterminatedString(from: start) }
            let b = peek()
            if b == UInt8(ascii: "\"") {
                advance()
                break
            }
            if b == UInt8(ascii: "\\") {
                escape(into: &text)
                continue
            }
            if b == UInt8(ascii: "{") {
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                guard let part = interpolation() else { return Token(.invalid("\""), SourceRange(start, location)) }
                parts.append(part)
                continue
            }
            let from = index
            advance()
            while index < end && bytes[index] & 0xC0 == 0x80 { advance() }
            text += String(decoding: bytes[from..<index], as: UTF8.self)
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        return Token(.string(parts), SourceRange(start, location))
    }

    private mutating func unterminatedString(from start: SourceLocation) -> Token {
        error("unterminated string", from: start, hint: "close it with \" on the same line")
        var d = diagnostics.removeLast()
        d.isUnexpectedEnd = index >= end
        diagnostics.append(d)
        return Token(.invalid("\""), SourceRange(start, location))
    }

    /// A `\` escape in a string: appends what it stands for, or reports an unknown one.
    private mutating func escape(into text: inout String) {
        let escapeStart = location
        advance()
        switch peek() {
        case UInt8(ascii: "n"): text += "\n"
        case UInt8(ascii: "t"): text += "\t"
        case UInt8(ascii: "\""): text += "\""
        case UInt8(ascii: "\\"): text += "\\"
        case UInt8(ascii: "{"): text += "{"
        case UInt8(ascii: "}"): text += "}"
        default:
            if index < end { advance() }
            error("unknown escape in a string", from: escapeStart, hint: "escapes are \\n \\t \\\" \\\\ \\{ \\}")
            return
        }
        advance()
    }

    /// A `{expr}` interpolation (the cursor on its `{`): its tokens, or nil after reporting why not
    /// (the rest of the line is skipped then).
    private mutating func interpolation() -> Token.StringPart? {
        let openLocation = location
        advance()
        let innerStart = location
        let scan = closingBrace(from: index)
        guard scan < end && bytes[scan] == UInt8(ascii: "}") else {
            while index < end && peek() != UInt8(ascii: "\n") { advance() }
            error("unclosed '{' in a string", from: openLocation, hint: "close the interpolation with }, or write \\{ for a literal brace")
            return nil
        }
        guard interpolationDepth < Limits.nesting else {
            diagnostics.append(Diagnostic(phase: .syntax, range: SourceRange(openLocation, innerStart), message: "nested too deeply: limit \(Limits.nesting)",
                                          hint: "build the text in steps with intermediate variables (let part = ...)"))
            while index < end && peek() != UInt8(ascii: "\n") { advance() }
            return nil
        }
        var inner = Tokenizer(bytes: bytes, start: innerStart, end: scan, interpolationDepth: interpolationDepth + 1)
        let innerTokens = inner.tokenize()
        diagnostics += inner.diagnostics
        if innerTokens.count <= 1 {
            diagnostics.append(Diagnostic(phase: .syntax, range: SourceRange(openLocation, inner.location), message: "empty interpolation '{}' in a string",
                                          hint: "put an expression inside: {marginLevel}, or write \\{ for a literal brace"))
        }
        while index < scan { advance() }
        advance()   // closing brace
        return .interpolation(innerTokens)
    }

    /// Where the `}` that closes an interpolation opened just before `start` is (skipping nested
    /// braces and strings), or where the line ends.
    private func closingBrace(from start: Int) -> Int {
        var depth = 1
        var scan = start
        var inString = false
        while scan < end && bytes[scan] != UInt8(ascii: "\n") {
            let c = bytes[scan]
            if inString {
                if c == UInt8(ascii: "\\") { scan += 1 } else if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "{") {
                depth += 1
            } else if c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { break }
            }
            scan += 1
        }
        return scan
    }
}
