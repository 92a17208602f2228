#!/usr/bin/env python3
"""Time to the first prompt and peak memory of the mops REPL, beside python3, in one run.

Each program is started in a fresh pseudo-terminal; the clock stops when its prompt appears
(mops: `mops[SIM]…> `, python3 -i: `>>> `), then `:quit` / Ctrl-D ends it and wait4() gives its peak RSS.
`python3 -c pass` (no prompt) is timed from start to exit. Usage: bench/repl_startup.py [MOPS] [RUNS]
"""
import fcntl, os, pty, re, select, statistics, struct, sys, tempfile, termios, time

def run_in_pty(argv, prompt, env, quit_keys=b"\x04"):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))   # a real terminal has a size
        os.execvpe(argv[0], argv, env)
    seen, elapsed, waited = b"", None, 0.0
    while True:
        # After the prompt, Ctrl-D is re-sent until the program leaves: a key typed while the
        # line editor is still switching the terminal to raw mode can be lost.
        timeout = 0.2 if elapsed is not None else 30
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            if elapsed is not None and waited < 30:
                waited += timeout
                os.write(fd, quit_keys)
                continue
            os.kill(pid, 9)
            raise SystemExit(f"{argv[0]}: no prompt within 30 s; saw {seen[-200:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if elapsed is None and prompt is not None and prompt.search(seen):
            elapsed = time.perf_counter() - start
            os.write(fd, quit_keys)
    _, status, usage = os.wait4(pid, 0)
    if elapsed is None:
        elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024   # ru_maxrss is in KiB on Linux

def measure(name, argv, prompt, env, runs, quit_keys=b"\x04"):
    times, peaks = [], []
    for _ in range(runs):
        t, rss = run_in_pty(argv, prompt, env, quit_keys)
        times.append(t * 1000)
        peaks.append(rss)
    return name, statistics.median(times), min(times), max(peaks)

def main():
    mops = sys.argv[1] if len(sys.argv) > 1 else ".build/release/mops"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    home = tempfile.mkdtemp(prefix="mops-bench-")
    env = dict(os.environ, HOME=home, XDG_STATE_HOME=home + "/state", TERM="xterm-256color", LANG="C.UTF-8", NO_COLOR="1")
    rows = [
        measure("mops (REPL, embedded simulator)", [mops], re.compile(rb"mops\[[^\]]*\][^\n>]*> "), env, runs, b":quit\n"),
        measure("python3 -i (REPL)", ["python3", "-i", "-q"], re.compile(rb">>> "), env, runs),
        measure("python3 -c pass", ["python3", "-c", "pass"], None, env, runs),
    ]
    print(f"{runs} runs each, same machine, same run")
    print(f"{'program':34} {'first prompt (median)':>22} {'min':>8} {'peak RSS':>10}")
    for name, median, fastest, peak in rows:
        print(f"{name:34} {median:19.1f} ms {fastest:6.1f} ms {peak:7.1f} MB")

main()
