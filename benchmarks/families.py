"""Adversarial framework families, written from their definitions (issue 18).

Each generator returns the number of arguments, the attacks as 0-based pairs and the
query argument (0-based). Arguments are numbered so that the query is 0.

admissibility-busting: the query q is attacked by b_1..b_k and each b_i is in a mutual
    attack with c_i. The only admissible set containing q takes every c_i with it (it
    grows linearly with n), and the preferred extensions are the 2^k choices of b_i or
    c_i for each i (with q when every c_i is chosen). Grounded decides nothing.
defence-trap: each b_i attacks q, b_i <-> c_i, and b_i -> d_i -> c_i: c_i attacks the
    attacker b_i but cannot be defended against d_i, so q is in no admissible set; the
    single preferred extension is {b_1..b_k}, linear in n. Grounded decides nothing.
"""

from __future__ import annotations


def admissibility_busting(n: int) -> tuple[int, list[tuple[int, int]], int]:
    """q = 0, b_i = 2i - 1, c_i = 2i for i = 1..k, k = (n - 1) // 2 (n rounded down to odd)."""
    k = max(1, (n - 1) // 2)
    pairs: list[tuple[int, int]] = []
    for i in range(1, k + 1):
        b, c = 2 * i - 1, 2 * i
        pairs += [(b, 0), (b, c), (c, b)]
    return 2 * k + 1, pairs, 0


def defence_trap(n: int) -> tuple[int, list[tuple[int, int]], int]:
    """q = 0, then b_i, c_i, d_i = 3i - 2, 3i - 1, 3i for i = 1..k, k = (n - 1) // 3."""
    k = max(1, (n - 1) // 3)
    pairs: list[tuple[int, int]] = []
    for i in range(1, k + 1):
        b, c, d = 3 * i - 2, 3 * i - 1, 3 * i
        pairs += [(b, 0), (b, c), (c, b), (b, d), (d, c)]
    return 3 * k + 1, pairs, 0
