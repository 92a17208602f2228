extension RunOutcome {
    /// The parse and check errors when the script did not compile (nothing ran, nothing was sent); empty otherwise.
    public var compileErrors: [Diagnostic] {
        status == .compileError ? diagnostics : []
    }

    /// The error that stopped a running script (a failed statement, a refused confirmation, a budget,
    /// a failed `assert`), or nil when it compiled and did not fail at run time.
    public var runtimeError: Diagnostic? {
        switch status {
        case .runtimeError, .assertionFailed: return diagnostics.first
        case .ok, .exited, .compileError, .cancelled: return nil
        }
    }

    /// The exchange's error code when the exchange refused the request that stopped the run (`-3045`, `-2010`, …).
    public var exchangeCode: Int? { runtimeError?.exchangeCode }

    /// Every diagnostic rendered as compiler-style text (`guard.mops:3:5: error: …` with the source
    /// line, a caret and the hint), or the empty string when there are none.
    public func renderedDiagnostics(color: Bool = false) -> String {
        DiagnosticRenderer(color: color).render(diagnostics, in: source)
    }
}

extension CompileFailure {
    /// Every diagnostic rendered as compiler-style text (see ``DiagnosticRenderer``).
    public func rendered(color: Bool = false) -> String {
        DiagnosticRenderer(color: color).render(diagnostics, in: source)
    }
}
