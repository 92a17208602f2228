/// The fixed limits every script runs under, so no input can exhaust the stack or the memory.
///
/// - ``nesting``: how deep the syntax tree may be. The parser refuses deeper input with
///   "nested too deeply: limit N", so every later pass that recurses over the tree (checker,
///   lowering, evaluator, the compile-time scans) is bounded by construction. The same limit
///   bounds how deeply list values nest at run time.
/// - ``listElements`` and ``stringBytes``: how large one value may grow. Every operation that
///   builds a list or a string (concatenation, interpolation, list literals, `str`, builtins,
///   host functions, inputs) checks its result and fails with a located runtime error instead of
///   eating the machine.
///
/// `docs/language.md` ("Limits") documents them; RELIABILITY.md says how they were measured.
public enum Limits {
    /// The deepest syntax tree a script may have: each parenthesis, bracket, call, index, unary or
    /// binary operator, member access, block or string interpolation is one level.
    ///
    /// The deepest tree allowed parses, checks and runs in a debug build on a 512 KiB thread
    /// stack using well under half of it (`NestingLimitTests` measures it), so it is safe on a
    /// Swift concurrency thread.
    public static let nesting = 100

    /// The most elements one list value may hold, counting the elements of nested lists too
    /// (so `[l, l]` cannot double a list's printed size without limit).
    public static let listElements = 1_000_000

    /// The most UTF-8 bytes one string value may hold (16 MiB), and the longest text a value may print as.
    public static let stringBytes = 16 * 1024 * 1024

    /// The most fills one `on fill` handler keeps waiting while it (or another handler) runs; more are folded into
    /// the last one waiting, counted in its `event.coalesced` and said in a note (docs/language.md, "Handlers").
    public static let fillsWaiting = 100
}
