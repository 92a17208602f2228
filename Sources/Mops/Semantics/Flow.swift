import BinanceMargin

/// How a block of statements ended.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned(Value)
    case exit(Int32)
}
