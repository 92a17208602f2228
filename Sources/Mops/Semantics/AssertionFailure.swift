import BinanceMargin

/// An `assert` was false.
struct AssertionFailure: Error {
    var diagnostic: Diagnostic
}
