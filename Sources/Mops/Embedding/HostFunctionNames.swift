extension Interpreter {
    /// The problems with the names of a configuration's host functions, as compile errors: a name that is not an
    /// identifier, is a keyword, is a standard builtin's, or is registered twice could never be called as intended.
    ///
    /// Every compile reports them, so a misnamed host function fails the first script loudly instead of being
    /// silently shadowed.
    static func hostFunctionDiagnostics(_ hostFunctions: [Builtin]) -> [Diagnostic] {
        let standard = Set(Builtins.standard.map(\.name))
        let keywords = Set(Keyword.allCases.map(\.rawValue))
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        func report(_ message: String, _ hint: String) {
            diagnostics.append(Diagnostic(phase: .check, range: nil, message: message, hint: hint))
        }
        for function in hostFunctions {
            let name = function.name
            if !isIdentifier(name) {
                report("host function name '\(name)' is not an identifier, so scripts cannot call it",
                       "use letters, digits and _, starting with a letter or _ (e.g. notifyDesk)")
            } else if keywords.contains(name) {
                report("host function '\(name)' has the name of a keyword, so scripts cannot call it", "register it under another name")
            } else if standard.contains(name) {
                report("host function '\(name)' has the name of a standard builtin, which would hide it",
                       "register it under another name, e.g. host\(name.prefix(1).uppercased() + name.dropFirst())")
            } else if !seen.insert(name).inserted {
                report("two host functions are named '\(name)'", "register each name once")
            }
        }
        return diagnostics
    }

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
