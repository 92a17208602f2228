/// How a run ended, separating compile errors (nothing ran, nothing was sent) from runtime errors.
public struct RunOutcome: Sendable {
    /// The kinds of ending.
    public enum Status: Sendable, Hashable {
        /// Every statement ran (or `exit 0`).
        case ok
        /// `exit n` with n ≠ 0.
        case exited(Int32)
        /// Parse or check errors: nothing ran and nothing was sent.
        case compileError
        /// A statement failed; the script stopped there.
        case runtimeError
        /// An `assert` was false.
        case assertionFailed
        /// The task was cancelled; the script stopped at a statement boundary.
        case cancelled
    }

    /// How it ended.
    public var status: Status
    /// The diagnostics: every compile error, or the one runtime error / failed assertion.
    public var diagnostics: [Diagnostic]
    /// The source they refer to (for ``DiagnosticRenderer``).
    public var source: Source
    /// The top-level variables after the run, by name.
    public var variables: [String: Value]
    /// Every account-changing request that was sent and answered, in order (what a cancelled or
    /// failed run already did).
    public var performed: [String]
    /// Statements executed.
    public var steps: Int

    /// Makes an outcome (hosts that check or run scripts themselves use this to report uniformly).
    public init(status: Status, diagnostics: [Diagnostic], source: Source, variables: [String: Value] = [:],
                performed: [String] = [], steps: Int = 0) {
        self.status = status
        self.diagnostics = diagnostics
        self.source = source
        self.variables = variables
        self.performed = performed
        self.steps = steps
    }

    /// The process exit code for this outcome (see ``ExitStatus``).
    public var exitCode: Int32 {
        switch status {
        case .ok: return ExitStatus.ok
        case .exited(let n): return n
        case .compileError: return ExitStatus.compileError
        case .runtimeError:
            return diagnostics.first?.cause == .backendUnavailable ? ExitStatus.unavailable : ExitStatus.runtimeError
        case .assertionFailed: return ExitStatus.assertionFailed
        case .cancelled: return ExitStatus.interrupted
        }
    }

    /// Whether the run ended normally (`ok` or `exit 0`).
    public var succeeded: Bool { exitCode == 0 }
}

/// The documented exit codes of `mops run`, `mops check` and `mops -e`.
public enum ExitStatus {
    /// Success.
    public static let ok: Int32 = 0
    /// An `assert` failed.
    public static let assertionFailed: Int32 = 1
    /// Bad command line (unknown flag, missing argument, `--live` without `--yes` for a mutating script).
    public static let usage: Int32 = 64
    /// The script has parse or check errors; nothing was sent.
    public static let compileError: Int32 = 65
    /// The script file cannot be read.
    public static let noInput: Int32 = 66
    /// The backend cannot be reached.
    public static let unavailable: Int32 = 69
    /// A statement failed at run time (the exchange refused, a filter failed, division by zero, …).
    public static let runtimeError: Int32 = 70
    /// A file the command was asked to write (`--report`) cannot be written.
    public static let cannotCreate: Int32 = 73
    /// Interrupted (Ctrl-C / cancelled).
    public static let interrupted: Int32 = 130
}
