/// A lexeme as the completer sees it: its text and a rough kind (a rough cut of the language's tokenizer that also
/// copes with the unfinished text before the cursor).
struct Lexeme: Sendable, Equatable {
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
