@preconcurrency import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive line editor: libedit's native API with emacs keys, Ctrl-R search, Up/Down
/// recall, Tab completion by context, and history kept across sessions.
///
/// Used from the main actor. Ctrl-C interrupts a read through the SIGINT handler of
/// ``SignalInterrupts``, which forwards the signal to the thread blocked in libedit. libedit's own
/// signal handling is on, so the terminal is restored even when the process is killed mid-read.
@MainActor
public final class LibEditLineEditor: LineEditor {
    private var editLine: OpaquePointer?
    private var historyHandle: OpaquePointer?
    private var event = HistEvent()
    private let context: LibEditContext
    private let historyFile: HistoryFile?
    private let filter: HistoryFilter

    /// Opens a line editor on the terminal (stdin/stdout/stderr), loading `historyFile` if given.
    ///
    /// Returns nil when stdin is not a terminal or libedit cannot start; use ``PlainLineEditor`` then.
    public init?(programName: String = "mops", historyFile: HistoryFile?, filter: HistoryFilter = HistoryFilter()) {
        guard isatty(STDIN_FILENO) == 1,
              let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w"),
              let errors = fdopen(STDERR_FILENO, "w") else { return nil }
        mops_use_utf8_locale()
        guard let el = el_init(programName, input, output, errors), let history = history_init() else { return nil }
        self.editLine = el
        self.historyHandle = history
        self.historyFile = historyFile
        self.filter = filter
        self.context = LibEditContext(output: output, outputDescriptor: STDOUT_FILENO)

        mops_el_set_clientdata(el, Unmanaged.passUnretained(context).toOpaque())
        mops_el_set_prompt_esc(el, promptCallback, CChar(PromptText.invisibleMarker.asciiValue ?? 1))
        mops_el_set_editor(el, "emacs")
        mops_el_set_signal(el, 1)
        mops_el_addfn(el, "mops-complete", "complete the word before the cursor", completeCallback)
        mops_el_bind(el, "^I", "mops-complete")
        mops_el_bind(el, "^R", "em-inc-search-prev")
        el_source(el, nil)   // the user's ~/.editrc may rebind keys

        mops_history_setsize(history, &event, Int32(historyFile?.capacity ?? 1000))
        mops_history_setunique(history, &event, 1)
        mops_el_set_hist(el, history)
        if let historyFile {
            historyFile.fixPermissions()   // a file left readable by others is fixed before anything is written to it
            mops_history_load(history, &event, historyFile.path)
            dropRefusedEntries()
        }
    }

    /// Forgets loaded entries the filter refuses (a line with the secret now in use, say) and rewrites
    /// the file at once, so the secret leaves the disk now — not only when the next line is remembered.
    private func dropRefusedEntries() {
        guard let historyHandle else { return }
        let entries = history
        let kept = entries.filter(filter.allows)
        guard kept.count != entries.count else { return }
        mops_history_clear(historyHandle, &event)
        for entry in kept { mops_history_enter(historyHandle, &event, entry) }
        // The file is made private (chmod 600) before it is written, or not written at all.
        guard let historyFile, historyFile.prepareForWriting() else { return }
        mops_history_save(historyHandle, &event, historyFile.path)
    }

    /// Always true: a person is typing.
    public var isInteractive: Bool { true }

    /// Where events come from that are printed above the prompt while the user types (nil: none). Setting one
    /// makes libedit read keys through ``getcCallback``, which also wakes for the board.
    public var events: EventBoard? {
        get { context.board }
        set {
            context.board = newValue
            if let editLine, newValue != nil { mops_el_set_getcfn(editLine, getcCallback) }
        }
    }

    /// What Tab completes with.
    public var completer: Completer? {
        get { context.completer }
        set { context.completer = newValue }
    }

    /// Reads one line (see ``LineEditor/readLine(prompt:)``).
    public func readLine(prompt: String) -> LineRead {
        guard let editLine else { return .endOfInput }
        context.setPrompt(prompt)
        var count: Int32 = 0
        SignalInterrupts.beginRead()
        let raw = el_gets(editLine, &count)
        let failure = errno
        SignalInterrupts.endRead()
        guard let raw else {
            return count == -1 && failure == EINTR ? .interrupted : .endOfInput
        }
        var line = String(cString: raw)   // libedit owns the buffer: copy, never free
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return .line(line)
    }

    /// Adds `entry` to the history and saves the file, unless it looks like it carries a secret.
    public func remember(_ entry: String) {
        guard let historyHandle, !entry.isEmpty, filter.allows(entry) else { return }
        mops_history_enter(historyHandle, &event, entry)
        // The file is made private (created 0600, or chmod 600) before it is written, or not written at all.
        guard let historyFile, historyFile.prepareForWriting() else { return }
        mops_history_save(historyHandle, &event, historyFile.path)
    }

    /// The history, oldest first.
    public var history: [String] {
        guard let historyHandle else { return [] }
        var entries: [String] = []
        var cursor = HistEvent()
        var status = mops_history_last(historyHandle, &cursor)
        while status != -1, let text = cursor.str {
            var entry = String(cString: text)
            while entry.hasSuffix("\n") { entry.removeLast() }
            entries.append(entry)
            status = mops_history_prev(historyHandle, &cursor)
        }
        return entries
    }

    /// Restores the terminal and releases libedit; later reads return end of input.
    public func close() {
        if let historyHandle { history_end(historyHandle) }
        if let editLine { el_end(editLine) }   // restores the terminal
        historyHandle = nil
        editLine = nil
    }

}

/// What libedit's C callbacks reach through `EL_CLIENTDATA` (a C function pointer cannot capture).
final class LibEditContext {
    private(set) var prompt: UnsafeMutablePointer<CChar>
    var completer: Completer?
    var board: EventBoard?
    /// A multibyte character read so far (the keyboard sends UTF-8 one byte at a time).
    var shift = mbstate_t()
    let output: UnsafeMutablePointer<FILE>
    let outputDescriptor: Int32

    init(output: UnsafeMutablePointer<FILE>, outputDescriptor: Int32) {
        self.prompt = strdup("")
        self.output = output
        self.outputDescriptor = outputDescriptor
    }

    /// Keeps `text` as a C string that lives until the next prompt (libedit reads it on every redraw).
    func setPrompt(_ text: String) {
        free(prompt)
        prompt = strdup(text)
    }

    deinit { free(prompt) }

    /// The context stored in `editLine`'s client data.
    static func of(_ editLine: OpaquePointer?) -> LibEditContext? {
        guard let editLine, let raw = mops_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<LibEditContext>.fromOpaque(raw).takeUnretainedValue()
    }
}

private let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
    LibEditContext.of(editLine)?.prompt
}

/// Reads one character for libedit, waiting on the keyboard and on the event board at once: when events wait, they
/// are printed above the prompt (the row is cleared, the lines written, then libedit redraws the prompt and the
/// line being edited, cursor included) and the wait goes on. A Ctrl-C (EINTR) ends the read as libedit's own would.
private let getcCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = { editLine, out in
    guard let context = LibEditContext.of(editLine), let out else { return -1 }
    while true {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: context.board?.wakeDescriptor ?? -1, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 2, -1) >= 0 else {
            if errno == EINTR { return -1 }
            continue
        }
        if fds[1].revents & Int16(POLLIN) != 0, let board = context.board {
            let lines = board.take()
            guard !lines.isEmpty else { continue }
            fputs("\r\u{1B}[2K" + lines.joined(separator: "\n") + "\n", context.output)
            fflush(context.output)
            mops_el_refresh(editLine)
            continue
        }
        guard fds[0].revents != 0 else { continue }
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        guard count > 0 else { return Int32(count) }
        var wide: wchar_t = 0
        let used = withUnsafePointer(to: byte) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: 1) { mbrtowc(&wide, $0, 1, &context.shift) }
        }
        if used == -2 { continue }            // more bytes of this character to come
        if used == -1 {                       // not UTF-8: pass the byte on as it is
            context.shift = mbstate_t()
            wide = wchar_t(byte)
        }
        out.pointee = wide
        return 1
    }
}

private let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    guard let context = LibEditContext.of(editLine), let completer = context.completer,
          let info = el_line(editLine)?.pointee, let buffer = info.buffer else { return UInt8(CC_ERROR) }
    let start = UnsafeRawPointer(buffer)
    let line = String(decoding: UnsafeRawBufferPointer(start: start, count: info.lastchar - buffer), as: UTF8.self)
    let before = String(decoding: UnsafeRawBufferPointer(start: start, count: info.cursor - buffer), as: UTF8.self)
    let completion = completer.complete(line: line, cursor: before.count)
    if completion.candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
    if !completion.insertion.isEmpty {
        el_insertstr(editLine, completion.insertion)
        return UInt8(CC_REFRESH)
    }
    let width = Int(mops_terminal_columns(context.outputDescriptor))
    fputs("\n" + CandidateListing(completion.words).text(width: width), context.output)
    fflush(context.output)
    return UInt8(CC_REDISPLAY)
}
