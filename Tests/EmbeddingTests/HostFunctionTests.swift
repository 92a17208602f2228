import BinanceMargin
import Mops
import Testing

/// Host functions: registered with name, arity, closure and help text; called from scripts.
@Suite("Embedding: host functions")
struct HostFunctionTests {
    @Test("a host function receives its arguments and its result flows back into the script")
    func calls() async {
        let calls = Recorder<[Value]>()
        let double = Builtin.host("double", arity: 1, summary: "Doubles a number.") { args in
            calls.record(args)
            guard let n = args[0].numberValue else { throw BuiltinError("double needs a number, found \(args[0])") }
            return .number(try n + n)
        }
        let interpreter = Interpreter(configuration: .init(hostFunctions: [double]))
        let outcome = await interpreter.run(Source(name: "h.mops", text: "let x = double(1.25) + double(2)"))
        #expect(outcome.status == .ok)
        #expect(outcome.variables["x"] == .number(Number("6.50")))
        #expect(calls.all == [[.number(Number("1.25"))], [.number(Number(2))]])
    }

    @Test("help text: the host function is in the builtin table with its summary and example")
    func help() {
        let notify = Builtin.host("notify", arity: 2, summary: "Sends an alert.", example: #"notify("ops", "low")"#) { _ in .none }
        let interpreter = Interpreter(configuration: .init(hostFunctions: [notify]))
        let entry = interpreter.builtinTable.first { $0.name == "notify" }
        #expect(entry?.summary == "Sends an alert.")
        #expect(entry?.example == #"notify("ops", "low")"#)
        #expect(entry?.signature == "notify(arg1, arg2)")
        #expect(Builtin.host("ping", arity: 0, summary: "Pings.") { _ in .none }.example == "ping()")
    }

    @Test("a call with the wrong number of arguments is a compile error; the host function never runs")
    func arity() async {
        let calls = Recorder<Int>()
        let notify = Builtin.host("notify", arity: 1, summary: "Sends an alert.") { args in
            calls.record(args.count)
            return .none
        }
        let interpreter = Interpreter(configuration: .init(hostFunctions: [notify]))
        let outcome = await interpreter.run(Source(name: "a.mops", text: "notify(\"a\")\nnotify(\"a\", \"b\")"))
        #expect(outcome.status == .compileError)
        #expect(outcome.compileErrors.count == 1)
        #expect(outcome.compileErrors.first?.range?.start.line == 2)
        #expect(outcome.compileErrors.first?.message.contains("notify") == true)
        #expect(calls.all.isEmpty)
    }

    @Test("a host function that throws stops the script with a runtime error at the call, hint included")
    func throwsError() async {
        let lines = Recorder<String>()
        let fail = Builtin.host("page", arity: 1, summary: "Pages the on-call engineer.") { _ in
            throw BuiltinError("the pager service refused the message", hint: "check the pager token")
        }
        let interpreter = Interpreter(configuration: .init(output: lineSink(lines), hostFunctions: [fail]))
        let outcome = await interpreter.run(Source(name: "p.mops", text: "print \"before\"\npage(\"x\")\nprint \"after\""))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "the pager service refused the message")
        #expect(outcome.runtimeError?.hint == "check the pager token")
        #expect(outcome.runtimeError?.range?.start.line == 2)
        #expect(lines.all == ["before"])
    }

    @Test("a BuiltinError naming an argument points the diagnostic at that argument")
    func errorAtArgument() async {
        let check = Builtin.host("limit", arity: 2, summary: "Checks a limit.") { _ in
            throw BuiltinError("the limit must be positive", hint: "pass a number above 0", argument: 1)
        }
        let outcome = await Interpreter(configuration: .init(hostFunctions: [check]))
            .run(Source(name: "l.mops", text: "let x = limit(1, -5)"))
        #expect(outcome.runtimeError?.message == "the limit must be positive")
        #expect(outcome.runtimeError?.range?.start.column == 18)
        #expect(outcome.renderedDiagnostics().contains("l.mops:1:18: error: the limit must be positive"))
    }

    @Test("any other error a host function throws is reported with the function's name")
    func foreignError() async {
        struct Down: Error, CustomStringConvertible { var description: String { "service down" } }
        let fail = Builtin.host("page", arity: 0, summary: "Pages.") { _ in throw Down() }
        let outcome = await Interpreter(configuration: .init(hostFunctions: [fail])).run(Source(name: "p.mops", text: "page()"))
        #expect(outcome.status == .runtimeError)
        #expect(outcome.runtimeError?.message == "'page' failed: service down")
    }
}

/// Host function names that could never be called as intended fail every compile, naming the function.
@Suite("Embedding: host function names")
struct HostFunctionNameTests {
    private func messages(_ names: [String]) async -> [String] {
        let functions = names.map { Builtin.host($0, arity: 0, summary: "Test.") { _ in .none } }
        let outcome = await Interpreter(configuration: .init(hostFunctions: functions)).run(Source(name: "n.mops", text: "let x = 1"))
        return outcome.compileErrors.map(\.message)
    }

    @Test("a standard builtin's name, a keyword, a non-identifier and a duplicate are each refused")
    func badNames() async {
        #expect(await messages(["free"]) == ["host function 'free' has the name of a standard builtin, which would hide it"])
        #expect(await messages(["print"]) == ["host function 'print' has the name of a keyword, so scripts cannot call it"])
        #expect(await messages(["page-desk"]) == ["host function name 'page-desk' is not an identifier, so scripts cannot call it"])
        #expect(await messages(["notify", "notify"]) == ["two host functions are named 'notify'"])
        #expect(await messages(["notify", "page_desk2", "_hook"]).isEmpty)
    }
}
