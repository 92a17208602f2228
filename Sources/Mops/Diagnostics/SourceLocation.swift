/// A position in a source text: 1-based line and column (columns count Unicode scalars) and the UTF-8 offset.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int
    /// The 0-based UTF-8 byte offset from the start of the source.
    public var offset: Int

    /// Makes a location from its parts.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { a.offset < b.offset }
}

/// A half-open span of source text, `start ..< end`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The first character of the span.
    public var start: SourceLocation
    /// Just past the last character of the span.
    public var end: SourceLocation

    /// Makes a range from its ends.
    public init(_ start: SourceLocation, _ end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The span that covers both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(Swift.min(start, other.start), Swift.max(end, other.end))
    }

    /// An empty range at the start of a source (for errors with no better place).
    public static let unknown = SourceRange(SourceLocation(line: 1, column: 1, offset: 0), SourceLocation(line: 1, column: 1, offset: 0))

    /// `line:column` of the start.
    public var description: String { start.description }
}

/// A named source text: a script file, a `-e` argument or a REPL chunk.
public struct Source: Sendable, Hashable {
    /// The name shown in diagnostics: a path, `<-e>` or `<repl>`.
    public var name: String
    /// The whole text.
    public var text: String

    /// Makes a source from a display name and its text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of the 1-based line `number`, without its line terminator (empty when out of range).
    public func line(_ number: Int) -> String {
        var current = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if current == number { break }
            if text[index] == "\n" { current += 1; lineStart = text.index(after: index) }
            index = text.index(after: index)
        }
        guard current == number else { return "" }
        let rest = text[lineStart...]
        let end = rest.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? rest.endIndex
        return String(rest[..<end]).replacingTabs()
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self
    }
}
