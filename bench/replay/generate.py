#!/usr/bin/env python3
"""Writes N one-minute BTCUSDT candles (Binance's kline CSV format, 12 columns) from 2024-01-01 00:00 UTC:
a seeded random walk in cents, so every run of the benchmark replays the same year."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 525_600
rng = random.Random(14)
price = 4_200_000  # cents
t = 1_704_067_200_000
out = sys.stdout
lines = []
for _ in range(n):
    o = price
    c = max(10_000, o + rng.randint(-8_000, 8_000))
    h = max(o, c) + rng.randint(0, 4_000)
    l = max(100, min(o, c) - rng.randint(0, 4_000))
    lines.append(f"{t},{o // 100}.{o % 100:02d},{h // 100}.{h % 100:02d},{l // 100}.{l % 100:02d},{c // 100}.{c % 100:02d},"
                 f"{rng.randint(1, 90)}.5,{t + 59_999},0,0,0,0,0\n")
    if len(lines) == 10_000:
        out.write("".join(lines)); lines = []
    t += 60_000
    price = c
out.write("".join(lines))
