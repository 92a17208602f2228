import BinanceMargin

/// One function callable from mops: a standard builtin or a host function registered by an embedder.
///
/// Builtins with no required parameters may be used without parentheses (`marginLevel`, `now`).
public struct Builtin: Sendable {
    /// What a parameter accepts; the checker uses it for arity and type errors.
    public enum ParameterKind: String, Sendable {
        /// A value of that one type (`any` accepts every value).
        /// A value of that type (`any`: anything).
        case number, duration, string, bool, list, any
        /// An asset code such as `USDT`.
        case asset
        /// A symbol code such as `BTCUSDT`.
        case symbol
        /// An order value.
        case order

        var valueType: ValueType {
            switch self {
            case .number: return .number
            case .duration: return .duration
            case .string: return .string
            case .bool: return .bool
            case .list: return .list
            case .any: return .any
            case .asset, .symbol: return .code
            case .order: return .order
            }
        }
    }

    /// One parameter.
    public struct Parameter: Sendable {
        /// Its name in help text.
        public var name: String
        /// What it accepts.
        public var kind: ParameterKind
        /// Whether it may be left out (only trailing parameters may).
        public var optional: Bool

        /// Makes a parameter.
        public init(_ name: String, _ kind: ParameterKind, optional: Bool = false) {
            self.name = name
            self.kind = kind
            self.optional = optional
        }
    }

    /// How a builtin runs.
    package enum Implementation: Sendable {
        /// A pure function of its arguments (no account access): runs on the synchronous fast path.
        case pure(@Sendable ([Value]) throws -> Value)
        /// Reads the account through the session's cached view.
        case account(@Sendable (AccountView, [Value]) async throws -> Value)
        /// A host function supplied by an embedder.
        case host(@Sendable ([Value]) async throws -> Value)
    }

    /// The name scripts call it by.
    public var name: String
    /// Its parameters in order.
    public var parameters: [Parameter]
    /// What it returns.
    public var returns: ValueType
    /// One line: what it does.
    public var summary: String
    /// A short example call.
    public var example: String
    /// The implementation.
    package var implementation: Implementation

    /// Makes a builtin.
    package init(_ name: String, _ parameters: [Parameter] = [], returns: ValueType, summary: String, example: String,
                implementation: Implementation) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.example = example
        self.implementation = implementation
    }

    /// Makes a host function for an embedder: `arity` parameters of any type, an async closure, and help text.
    public static func host(_ name: String, arity: Int, summary: String, example: String? = nil,
                            _ body: @escaping @Sendable ([Value]) async throws -> Value) -> Builtin {
        Builtin(name, (0..<arity).map { Parameter("arg\($0 + 1)", .any) }, returns: .any, summary: summary,
                example: example ?? "\(name)(\((0..<arity).map { "arg\($0 + 1)" }.joined(separator: ", ")))",
                implementation: .host(body))
    }

    /// The fewest arguments a call may pass.
    public var minimumArity: Int { parameters.filter { !$0.optional }.count }
    /// The most arguments a call may pass.
    public var maximumArity: Int { parameters.count }

    /// `free(asset, [symbol])`.
    public var signature: String {
        var parts: [String] = []
        for p in parameters { parts.append(p.optional ? "[\(p.name)]" : p.name) }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Whether it runs without touching the account or the host.
    var isPure: Bool {
        if case .pure = implementation { return true }
        return false
    }
}

/// A builtin's complaint about its arguments; the evaluator attaches the call's location.
public struct BuiltinError: Error, Sendable {
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?
    /// The 0-based argument at fault, when one is.
    public var argument: Int?

    /// Makes an error.
    public init(_ message: String, hint: String? = nil, argument: Int? = nil) {
        self.message = message
        self.hint = hint
        self.argument = argument
    }
}
