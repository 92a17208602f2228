/// The interpreter's policy, checked before anything runs: `sim` statements need a simulator
/// backend, statements that change the account need the `.trade` capability, and a live backend
/// needs the `.live` capability. It also finds what a script does (``Effects``), for `--yes`.
extension Checker {
    /// What the interpreter allows, read from its configuration.
    struct Policy {
        /// The backend, as named in diagnostics; its kind comes from its client, so it says whether the run is live.
        var backend: Interpreter.Backend
        /// What the interpreter may do.
        var capabilities: Interpreter.Capabilities

        init(_ configuration: Interpreter.Configuration) {
            backend = configuration.backend
            capabilities = configuration.capabilities
        }
    }

    /// What a script does, whatever its errors.
    struct Effects {
        /// Ranges of the actions that change the account (borrow, repay, transfer, orders, cancels).
        var mutations: [SourceRange] = []
        /// Ranges of the `sim` statements.
        var simStatements: [SourceRange] = []
        /// Ranges of the event handlers (`on …`).
        var handlers: [SourceRange] = []
    }

    /// Reports what `statements` do that `policy` refuses, and what they do. Runs on every tree,
    /// even one with syntax errors (what parsed is still refused).
    mutating func apply(_ policy: Policy, to statements: [Stmt]) {
        Checker.scan(statements, into: &effects)
        if !effects.simStatements.isEmpty && policy.backend.isLive {
            for range in effects.simStatements {
                error("'sim' statements need a simulator backend; this run uses \(policy.backend)", range,
                      hint: "remove the sim statements, or run against the simulator (the default)")
            }
        }
        if !policy.capabilities.contains(.live), policy.backend.isLive {
            error("this interpreter may not use a live backend (\(policy.backend)); nothing was sent", nil,
                  hint: "run against a simulator, or give the interpreter the .live capability")
        }
        if !policy.capabilities.contains(.trade) {
            for range in effects.mutations {
                error("this interpreter is read-only: statements that change the account are refused", range,
                      hint: "queries such as marginLevel and free(USDT) still work")
            }
        }
    }

    /// Collects the account changes, `sim` statements and handlers of `statements`, blocks and function bodies included.
    private static func scan(_ statements: [Stmt], into effects: inout Effects) {
        for s in statements {
            switch s.kind {
            case .sim: effects.simStatements.append(s.range)
            case .expression(let e), .let(_, _, let e), .assign(_, _, let e):
                if case .action = e.kind { effects.mutations.append(e.range) }
            case .if(let branches, let otherwise):
                for b in branches { scan(b.body, into: &effects) }
                if let otherwise { scan(otherwise, into: &effects) }
            case .while(_, let body), .for(_, _, _, let body), .every(_, _, let body), .def(_, _, _, let body):
                scan(body, into: &effects)
            case .on(let handler):
                effects.handlers.append(s.range)
                scan(handler.body, into: &effects)
            default: break
            }
        }
    }
}
