/// What the REPL should do with the text typed so far.
package enum ChunkStatus: Sendable {
    /// The text parses: run it.
    case complete
    /// The text stops in the middle of a statement (an open brace, bracket, string or operator):
    /// ask for another line. Only "unexpected end of input" errors lead here.
    case needsMoreInput
    /// The text has errors that more input cannot fix.
    case errors([Diagnostic])
}
