import BinanceMargin

/// The REPL's prompts: `mops[SIM] ML 3.42> ` (backend and cross margin level, rounded down so it
/// never looks safer than it is), `mops[SIM]> ` without debt, `plan` while plan mode is on, and
/// `...> ` for a continuation line.
///
/// With ``color`` on, `[LIVE]` is red and the margin level is coloured by its ``MarginRisk``
/// (green, yellow, red, bold red). Each escape sequence is wrapped in a pair of
/// ``invisibleMarker`` characters, which the line editor does not count as prompt width.
public struct PromptText: Sendable, Equatable {
    /// The backend shown in brackets.
    public var backend: BackendLabel
    /// The margin level shown, if any.
    public var marginLevel: Number?
    /// The account's margin bars, which decide the level's colour.
    public var bars: MarginBars
    /// Whether plan mode is on.
    public var planMode: Bool
    /// Whether to colour the prompt (a terminal, and `NO_COLOR` unset).
    public var color: Bool

    /// Brackets a zero-width escape sequence in a prompt (libedit's `EL_PROMPT_ESC` character).
    public static let invisibleMarker: Character = "\u{1}"

    /// Makes a prompt.
    public init(backend: BackendLabel, marginLevel: Number? = nil, bars: MarginBars = .classic,
                planMode: Bool = false, color: Bool = false) {
        self.backend = backend
        self.marginLevel = marginLevel
        self.bars = bars
        self.planMode = planMode
        self.color = color
    }

    /// The main prompt.
    public var main: String {
        var text = "mops" + painted(backend.tag, backend.isLive ? "1;31" : nil)
        if planMode { text += " plan" }
        if let marginLevel {
            let risk = MarginRisk(level: marginLevel, bars: bars)
            text += " ML " + painted(marginLevel.formatted(places: 2, rounding: .floor), risk.sgr)
        }
        return text + "> "
    }

    /// The prompt for a line that continues an open block, call or string.
    public static let continuation = "...> "

    private func painted(_ text: String, _ sgr: String?) -> String {
        guard color, let sgr else { return text }
        let marker = String(Self.invisibleMarker)
        return marker + "\u{1B}[" + sgr + "m" + marker + text + marker + "\u{1B}[0m" + marker
    }
}
