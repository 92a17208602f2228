#!/usr/bin/env python3
"""The cost of one durable commit on this disk: the journal's append-and-sync choices, and SQLite.

Each variant commits COUNT records of an order's size (~300 bytes: what the journal's record of a
placement takes), one at a time, each durable before the next (one client, no group commit), in a
fresh file in DIRECTORY (default: the system's temporary directory, where bench/durable.sh puts its
state). Prints the median and p99 per commit and commits/s, all variants in one run, in an order that
rotates each round so no variant always runs first.

  journal: O_APPEND write + fdatasync       what the journal did before issue 11's last change
  journal: O_APPEND write + fsync
  journal: pwrite + fdatasync, fallocate'd   blocks reserved by posix_fallocate (unwritten extents)
  journal: pwrite + fdatasync, zero-filled   blocks written with zeros and synced ahead of time
  journal: O_DSYNC pwrite, zero-filled
  journal: O_DSYNC O_APPEND write
  sqlite WAL synchronous=FULL               python3's sqlite3 (the system libsqlite3), one INSERT per commit
  sqlite WAL synchronous=NORMAL             (not durable per commit: the WAL is synced at checkpoints only)

Usage: bench/journal_sync.py [COUNT=1000] [ROUNDS=3] [DIRECTORY]
"""
import os
import sqlite3
import statistics
import sys
import tempfile
import time

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
DIRECTORY = sys.argv[3] if len(sys.argv) > 3 else tempfile.gettempdir()
RECORD = (b'{"kind":"write","method":"POST","path":"/sapi/v1/margin/order","time":1767225600000,"parameters":'
          b'{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":"0.001","price":"10000",'
          b'"newClientOrderId":"c0i0","timestamp":"1767225600000","recvWindow":"5000"}}')
RECORD = RECORD + b" " * max(0, 300 - len(RECORD))
PREALLOCATED = (COUNT + 16) * len(RECORD)


def timed(commit):
    """Seconds of each of COUNT commits."""
    times = []
    for i in range(COUNT):
        start = time.perf_counter()
        commit(i)
        times.append(time.perf_counter() - start)
    return times


def appending(path, flags, sync):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | flags, 0o600)
    try:
        return timed(lambda i: (os.write(fd, RECORD), sync(fd)))
    finally:
        os.close(fd)


def overwriting(path, flags, sync, prepare):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    prepare(fd)
    os.close(fd)
    fd = os.open(path, os.O_WRONLY | flags)
    try:
        return timed(lambda i: (os.pwrite(fd, RECORD, i * len(RECORD)), sync(fd)))
    finally:
        os.close(fd)


def fallocated(fd):
    os.posix_fallocate(fd, 0, PREALLOCATED)
    os.fsync(fd)


def zero_filled(fd):
    os.write(fd, b"\0" * PREALLOCATED)
    os.fsync(fd)


def sqlite(path, synchronous):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, record BLOB)")
    try:
        return timed(lambda i: db.execute("INSERT INTO orders VALUES (?, ?)", (i, RECORD)))
    finally:
        db.close()


def nothing(fd):
    pass


VARIANTS = [
    ("journal: O_APPEND write + fdatasync", lambda p: appending(p, 0, os.fdatasync)),
    ("journal: O_APPEND write + fsync", lambda p: appending(p, 0, os.fsync)),
    ("journal: pwrite + fdatasync, fallocate'd", lambda p: overwriting(p, 0, os.fdatasync, fallocated)),
    ("journal: pwrite + fdatasync, zero-filled", lambda p: overwriting(p, 0, os.fdatasync, zero_filled)),
    ("journal: O_DSYNC pwrite, zero-filled", lambda p: overwriting(p, os.O_DSYNC, nothing, zero_filled)),
    ("journal: O_DSYNC O_APPEND write", lambda p: appending(p, os.O_DSYNC, nothing)),
    ("sqlite WAL synchronous=FULL", lambda p: sqlite(p, "FULL")),
    ("sqlite WAL synchronous=NORMAL (not durable per commit)", lambda p: sqlite(p, "NORMAL")),
]


def main():
    results = {name: [] for name, _ in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="mops-journal-sync-", dir=DIRECTORY) as directory:
        for round_ in range(ROUNDS):
            order = VARIANTS[round_ % len(VARIANTS):] + VARIANTS[:round_ % len(VARIANTS)]
            for index, (name, run) in enumerate(order):
                path = os.path.join(directory, f"r{round_}-{index}")
                results[name] += run(path)
    print(f"# one durable commit of a {len(RECORD)}-byte record, {COUNT} commits x {ROUNDS} rounds, in {DIRECTORY}, "
          f"{time.strftime('%Y-%m-%d %H:%M:%S')}")
    base = statistics.median(results[VARIANTS[0][0]])
    for name, _ in VARIANTS:
        times = sorted(results[name])
        median = statistics.median(times)
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"{name:56s} median {median * 1e3:7.3f} ms  p99 {p99 * 1e3:7.3f} ms  "
              f"{1 / statistics.mean(times):8.0f} commits/s  median vs append+fdatasync {median / base:5.2f}")


if __name__ == "__main__":
    main()
