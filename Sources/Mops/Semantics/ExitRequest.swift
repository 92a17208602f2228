import BinanceMargin

/// `exit` inside a function: unwinds to the top level.
struct ExitRequest: Error {
    var code: Int32
}
