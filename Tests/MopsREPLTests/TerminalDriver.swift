import Foundation
import ProcessTestSupport
import Testing

/// Where the built `mops` executable is: `$MOPS_BINARY`, or beside the test bundle in `.build/<config>/`.
func mopsExecutable() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["MOPS_BINARY"] { return URL(fileURLWithPath: path) }
    if let built = builtProduct("mops") { return built }
    throw DriverError("the mops executable was not found beside \(CommandLine.arguments[0]); run `swift build --build-tests` (it builds mops too)")
}

struct DriverError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `executable` with `arguments` and exactly `environment`, feeding `input` to stdin; returns
/// the exit status, stdout and stderr. (posix_spawn + waitpid: Foundation's `Process` can miss the
/// child's exit when the child forks a daemon, as tmux does.)
func runProcess(_ executable: URL, _ arguments: [String] = [], input: String = "", environment: [String: String],
                captureOutput: Bool = true, timeout: TimeInterval = 120) throws -> (status: Int32, stdout: String, stderr: String) {
    var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
    guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw DriverError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
    if captureOutput {
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    for fd in stdinPipe + stdoutPipe + stderrPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    // Nothing else of this process is inherited: tmux's server outlives the call, and a descriptor it kept (another
    // test's pipe, or the socket through which Foundation learns that another child ended) would hold that open.
    closeFrom3(&actions)

    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
    close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
    guard spawned == 0 else {
        close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
        throw DriverError("cannot start \(executable.path): error \(spawned)")
    }
    // A child still running after `timeout` is ended (before it is reaped, so the pid is still its own).
    let child = pid
    let deadline = DispatchWorkItem { kill(child, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
    let inputHandle = FileHandle(fileDescriptor: stdinPipe[1], closeOnDealloc: true)
    inputHandle.write(Data(input.utf8))
    try inputHandle.close()
    let out = FileHandle(fileDescriptor: stdoutPipe[0], closeOnDealloc: true).readDataToEndOfFile()
    let err = FileHandle(fileDescriptor: stderrPipe[0], closeOnDealloc: true).readDataToEndOfFile()
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    deadline.cancel()
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exit, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// Adds "close every descriptor from 3 up" to `actions`: glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+,
/// which the Glibc module does not import), looked up at run time.
private func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
        preconditionFailure("this glibc has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later has)")
    }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
}

/// A program running in a detached tmux session on a private server socket: keys go in with
/// `send-keys`, the screen comes back with `capture-pane` — what a person at a terminal sees.
final class TmuxTerminal {
    let socket: String
    private let tmux: URL
    /// The program's path, as its command line shows it.
    private let programName: String

    /// Starts `command` (with `environment` added) in a `columns`×`rows` terminal.
    init(command: [String], environment: [String: String], columns: Int = 120, rows: Int = 40) throws {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw DriverError("tmux is not installed (scripts/lib/ensure-system-deps.sh installs it with MOPS_WITH_TEST_DEPS=1)")
        }
        self.tmux = URL(fileURLWithPath: tmux)
        self.socket = "mops-repl-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.programName = command.first ?? "tmux"
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "\(rows)", "--", "env"] + env + command)
        let pids = try run(["display-message", "-p", "-t", "t", "#{pid} #{pane_pid}"]).split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        serverPID = pids.first
        programPID = pids.count > 1 ? pids[1] : nil
    }

    /// The tmux server and the program in its pane (both started by this terminal).
    private var serverPID: Int32?
    private var programPID: Int32?

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        // Only capture the output of commands that print: `new-session` forks the tmux server,
        // which would hold the pipes open for as long as it lives.
        let captures = arguments.contains("capture-pane") || arguments.contains("display-message")
        let result = try runProcess(tmux, ["-L", socket] + arguments, environment: ProcessInfo.processInfo.environment,
                                    captureOutput: captures)
        guard result.status == 0 else { throw DriverError("tmux \(arguments.prefix(3).joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    /// Types literal text (no key names interpreted).
    func type(_ text: String) throws { try run(["send-keys", "-t", "t", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`, `C-r`, `C-u`.
    func press(_ keys: String...) throws { try run(["send-keys", "-t", "t"] + keys) }

    /// The visible screen, one string.
    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "t"]) }

    /// The screen with its colours as escape sequences.
    func colouredScreen() throws -> String { try run(["capture-pane", "-p", "-e", "-t", "t"]) }

    /// Whether the program is still running.
    var isRunning: Bool { (try? run(["has-session", "-t", "t"])) != nil }

    /// Waits until `condition` holds for the screen; fails with the screen when it never does.
    @discardableResult
    func waitUntil(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) throws -> String {
        var last = ""
        for _ in 0..<400 {   // generous: a loaded 2-core CI machine
            last = (try? screen()) ?? last
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("never saw \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw DriverError("timed out waiting for \(what)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("“\(text)”", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until the last line is a prompt (libedit is reading again, the terminal is in its
    /// editing mode): keys typed while a statement runs may be lost, as on any terminal.
    func waitForPrompt(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitUntil("a prompt", sourceLocation: sourceLocation) {
            guard let last = $0.split(separator: "\n").last else { return false }
            return last.hasSuffix(">") && !last.hasPrefix("...")
        }
    }

    /// The last non-empty line of the screen (where the cursor's prompt is).
    func lastLine() throws -> String {
        try screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Ends the session and its private tmux server; if tmux does not go, ends the processes it started.
    func close() {
        _ = try? run(["kill-server"])
        // Neither is this process's child, and a pid that ended may already be another process's (another test's
        // child): only a process whose command line still names this terminal's socket or program is ended.
        for (pid, marker) in [(serverPID, socket), (programPID, programName)] {
            if let pid, Self.commandLine(of: pid).contains(marker) { kill(pid, SIGKILL) }
        }
        programPID = nil
        serverPID = nil
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    /// The command line of process `pid` (its arguments joined by spaces), or "" when there is none.
    private static func commandLine(of pid: Int32) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    deinit { close() }
}

/// A private home for one terminal session, so history never touches the user's; the caller removes it.
func freshHome() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mops-repl-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The whole environment of a terminal session in `home`: no colour, UTF-8, the caller's PATH.
func terminalEnvironment(home: String) -> [String: String] {
    ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1",
     "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
}
