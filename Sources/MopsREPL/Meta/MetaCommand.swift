/// The REPL's own commands, typed after `:` — one table, read by the dispatcher, `:help` and completion.
public struct MetaCommand: Sendable, Equatable {
    /// What a meta command does (the REPL's dispatcher switches over this).
    public enum Action: Sendable, Equatable {
        /// `:help [topic]`: the overview, or one statement's or builtin's help.
        case help
        /// `:quit`: leave.
        case quit
        /// `:vars`: list the session's variables.
        case vars
        /// `:history`: list the history.
        case history
        /// `:load FILE`: run a file in the session.
        case load
        /// `:plan on|off`: plan mode.
        case plan
        /// `:backend`: say where statements go.
        case backend
        /// `:reset`: reset the simulator and forget the variables.
        case reset
        /// `:watch on|off`: show the account's events above the prompt.
        case watch
    }

    /// The name with its colon: `:help`.
    public var name: String
    /// How to call it: `:help [topic]`.
    public var usage: String
    /// One line: what it does.
    public var summary: String
    /// What it does.
    public var action: Action

    /// Every meta command, in the order `:help` lists them.
    public static let all: [MetaCommand] = [
        MetaCommand(name: ":help", usage: ":help [topic]", summary: "this overview, or a statement's help with an example (`:help borrow`)", action: .help),
        MetaCommand(name: ":quit", usage: ":quit", summary: "leave the REPL (Ctrl-D does too)", action: .quit),
        MetaCommand(name: ":vars", usage: ":vars", summary: "the session's variables and their values", action: .vars),
        MetaCommand(name: ":history", usage: ":history", summary: "the statements entered, oldest first", action: .history),
        MetaCommand(name: ":load", usage: ":load FILE", summary: "run a .mops file in this session (checked whole before anything runs)", action: .load),
        MetaCommand(name: ":plan", usage: ":plan on|off", summary: "plan mode: show the requests each statement would send, send nothing", action: .plan),
        MetaCommand(name: ":backend", usage: ":backend", summary: "where statements are sent", action: .backend),
        MetaCommand(name: ":reset", usage: ":reset", summary: "reset the simulator to its starting state and forget variables (simulator only)", action: .reset),
        MetaCommand(name: ":watch", usage: ":watch on|off", summary: "show the account's events (fills, balances, debts, margin status) above the prompt as they happen", action: .watch),
    ]

    /// The command `word` names: its full name or a prefix only it has (`:q`, `:hi`).
    public static func lookUp(_ word: String) -> Lookup {
        if let exact = all.first(where: { $0.name == word }) { return .found(exact) }
        let matches = all.filter { $0.name.hasPrefix(word) }
        switch matches.count {
        case 1: return .found(matches[0])
        case 0: return .unknown
        default: return .ambiguous(matches.map(\.name))
        }
    }

    /// What ``lookUp(_:)`` found.
    public enum Lookup: Sendable, Equatable {
        /// Exactly one command has this name or prefix.
        case found(MetaCommand)
        /// Several commands start with the prefix (their names).
        case ambiguous([String])
        /// No command starts with it.
        case unknown
    }
}
