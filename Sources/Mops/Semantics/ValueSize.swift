/// Checks values against ``Limits``: the elements of a list (nested lists' elements included),
/// how deeply lists nest, and the bytes of each string.
///
/// Every place that builds or receives a list or a string checks the result here; the walk uses
/// an explicit stack (a value handed in by a host may be of any depth) and stops at the first
/// limit it passes, so a check costs at most ``Limits/listElements`` steps.
enum ValueSize {
    /// The limit a value breaks.
    enum Problem: Equatable {
        /// More than ``Limits/listElements`` elements.
        case tooManyElements
        /// Lists nested more than ``Limits/nesting`` deep.
        case nestedTooDeeply
        /// A string of more than ``Limits/stringBytes`` bytes (this many).
        case stringTooLong(Int)
    }

    /// The first limit `value` breaks, or nil.
    static func problem(in value: Value) -> Problem? {
        switch value {
        case .string(let s): return s.utf8.count > Limits.stringBytes ? .stringTooLong(s.utf8.count) : nil
        case .list(let items): return problem(inList: items)
        case .record(let r): return problem(inList: r.fields.map(\.value), counted: false)
        default: return nil
        }
    }

    /// The first limit a list of `items` breaks, or nil. Record fields are walked but not counted as elements.
    static func problem(inList items: [Value], counted: Bool = true) -> Problem? {
        var elements = 0
        var stack: [(items: [Value], next: Int, depth: Int, counted: Bool)] = [(items, 0, 1, counted)]
        while let top = stack.last {
            guard top.next < top.items.count else {
                stack.removeLast()
                continue
            }
            let item = top.items[top.next]
            stack[stack.count - 1].next += 1
            if top.counted {
                elements += 1
                if elements > Limits.listElements { return .tooManyElements }
            }
            switch item {
            case .string(let s) where s.utf8.count > Limits.stringBytes:
                return .stringTooLong(s.utf8.count)
            case .list(let inner):
                guard top.depth < Limits.nesting else { return .nestedTooDeeply }
                stack.append((inner, 0, top.depth + 1, true))
            case .record(let r):
                guard top.depth < Limits.nesting else { return .nestedTooDeeply }
                stack.append((r.fields.map(\.value), 0, top.depth + 1, false))
            default:
                break
            }
        }
        return nil
    }

    /// Throws a runtime error at `range` when `value` breaks a limit.
    static func check(_ value: Value, _ range: SourceRange) throws {
        if let problem = problem(in: value) { throw failure(problem, range) }
    }

    /// Throws a runtime error at `range` when a list of `items` breaks a limit.
    static func checkList(_ items: [Value], _ range: SourceRange) throws {
        if let problem = problem(inList: items) { throw failure(problem, range) }
    }

    /// Throws a runtime error at `range` when a string of `bytes` UTF-8 bytes would pass the limit.
    static func checkString(bytes: Int, _ range: SourceRange) throws {
        if bytes > Limits.stringBytes { throw failure(.stringTooLong(bytes), range) }
    }

    /// The runtime error for `problem`.
    static func failure(_ problem: Problem, _ range: SourceRange) -> RuntimeFailure {
        RuntimeFailure(message(problem), range, hint: hint(problem))
    }

    /// What the error says.
    static func message(_ problem: Problem) -> String {
        switch problem {
        case .tooManyElements: return "list too long: more than the limit of \(Limits.listElements) elements"
        case .nestedTooDeeply: return "lists nested too deeply: limit \(Limits.nesting)"
        case .stringTooLong(let bytes):
            return "string too long: \(bytes) bytes, the limit is \(Limits.stringBytes) bytes (16 MiB)"
        }
    }

    private static func hint(_ problem: Problem) -> String {
        switch problem {
        case .tooManyElements: return "a list holds at most \(Limits.listElements) elements, counting those of nested lists; work on the data in parts"
        case .nestedTooDeeply: return "keep lists of lists flatter"
        case .stringTooLong: return "a string (and a printed line) holds at most 16 MiB; print or build the text in parts"
        }
    }
}
