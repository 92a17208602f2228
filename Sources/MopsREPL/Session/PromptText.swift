import BinanceMargin

/// The REPL's prompts: `mops[SIM] ML 3.42> ` (backend and cross margin level, rounded down so it
/// never looks safer than it is), `mops[SIM]> ` without debt, `plan` while plan mode is on, and
/// `...> ` for a continuation line.
public struct PromptText: Sendable, Equatable {
    /// The backend shown in brackets.
    public var backend: BackendLabel
    /// The margin level shown, if any.
    public var marginLevel: Number?
    /// Whether plan mode is on.
    public var planMode: Bool

    /// Makes a prompt.
    public init(backend: BackendLabel, marginLevel: Number? = nil, planMode: Bool = false) {
        self.backend = backend
        self.marginLevel = marginLevel
        self.planMode = planMode
    }

    /// The main prompt.
    public var main: String {
        var text = "mops" + backend.tag
        if planMode { text += " plan" }
        if let marginLevel { text += " ML " + marginLevel.formatted(places: 2, rounding: .floor) }
        return text + "> "
    }

    /// The prompt for a line that continues an open block, call or string.
    public static let continuation = "...> "
}
