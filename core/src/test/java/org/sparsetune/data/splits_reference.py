#!/usr/bin/env python3
"""Reference rows for SplitsTest, computed independently of Java.

Re-implements, from their published definitions, SplitMix64 as java.util.SplittableRandom uses it
(seed += 0x9e3779b97f4a7c15; nextInt() = mix32(seed); nextInt(bound) rejects over-represented
values exactly as java.util.random.RandomSupport.boundedNextInt), the Fisher-Yates shuffle and the
split / fold rules documented in org.sparsetune.data.Splits. Run it and paste its output into
SplitsTest when the documented algorithm changes on purpose:

    python3 core/src/test/java/org/sparsetune/data/splits_reference.py
"""

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def to_int32(x):
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= 1 << 31 else x


class SplitMix64:
    def __init__(self, seed):
        self.seed = seed & MASK64

    def next_seed(self):
        self.seed = (self.seed + GOLDEN_GAMMA) & MASK64
        return self.seed

    @staticmethod
    def mix32(z):
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        return to_int32((((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32)

    def next_int(self):
        return self.mix32(self.next_seed())

    def next_int_bounded(self, bound):
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if to_int32(u + m - r) >= 0:  # Java: u + m - r < 0 means int overflow, so reject
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def shuffle(a, rng):
    for i in range(len(a) - 1, 0, -1):
        j = rng.next_int_bounded(i + 1)
        a[i], a[j] = a[j], a[i]


def java_round(x):
    import math
    return math.floor(x + 0.5)


def part_sizes(m, f):
    b1 = min(m, java_round(m * f[0]))
    b2 = max(b1, min(m, java_round(m * (f[0] + f[1]))))
    return b1, b2 - b1, m - b2


def classes(rows, labels):
    return [[r for r in rows if labels[r] == c] for c in sorted(set(labels[r] for r in rows))]


def split(groups, f, seed):
    rng = SplitMix64(seed)
    parts = ([], [], [])
    for g in groups:
        order = list(g)
        shuffle(order, rng)
        nt, nv, _ = part_sizes(len(order), f)
        parts[0].extend(order[:nt])
        parts[1].extend(order[nt:nt + nv])
        parts[2].extend(order[nt + nv:])
    return tuple(sorted(p) for p in parts)


def folds(groups, k, seed):
    rng = SplitMix64(seed)
    held = [[] for _ in range(k)]
    pos = 0
    for g in groups:
        order = list(g)
        shuffle(order, rng)
        for r in order:
            held[pos % k].append(r)
            pos += 1
    return [sorted(h) for h in held]


def show(name, arrays):
    print(name + ": " + " | ".join("{" + ", ".join(map(str, a)) + "}" for a in arrays))


DEFAULT = (0.6, 0.2, 0.2)
LABELS = [1, -1, -1, 1, -1, -1, -1, 1, -1, -1, 1, -1]  # 4 positives, 8 negatives

if __name__ == "__main__":
    show("split(10, DEFAULT, seed 42)", split([list(range(10))], DEFAULT, 42))
    show("splitStratified(LABELS, DEFAULT, seed 7)", split(classes(range(12), LABELS), DEFAULT, 7))
    show("kFold(0..9, k 3, seed 1) validation rows", folds([list(range(10))], 3, 1))
    rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    show("kFoldStratified(0..11, LABELS, k 4, seed 3) validation rows",
         folds(classes(rows, LABELS), 4, 3))
    # First values of the generator itself, for a direct check of nextInt(bound).
    rng = SplitMix64(0)
    print("SplittableRandom(0).nextInt(10) x 5: " + ", ".join(str(rng.next_int_bounded(10)) for _ in range(5)))
    rng = SplitMix64(-5)
    print("SplittableRandom(-5).nextInt(7) x 5: " + ", ".join(str(rng.next_int_bounded(7)) for _ in range(5)))
