#!/usr/bin/env python3
"""Regenerates runtime/src/configs/voter_bags.rs: 200 bag thresholds on a geometric series
from 10^7 to u64::MAX. Changing the thresholds of a live chain needs a bags-list migration."""
import pathlib

N, LO, HI = 200, 10**7, 2**64 - 1
ratio = (HI / LO) ** (1 / (N - 1))
thresholds = []
for i in range(N):
    v = HI if i == N - 1 else int(LO * ratio**i)
    if thresholds and v <= thresholds[-1]:
        v = thresholds[-1] + 1
    thresholds.append(v)

out = pathlib.Path(__file__).resolve().parent.parent / "runtime/src/configs/voter_bags.rs"
head = f"""//! Bag thresholds of the voter list (`pallet-bags-list`).
//!
//! 200 bags on a geometric series from 10^7 to `u64::MAX` (ratio ~ {ratio:.4f}), generated once
//! by `scripts/gen-voter-bags.py`. Staking scores a voter by its stake
//! converted to a `u64` vote weight (`U128CurrencyToVote`); a voter sits in the first bag
//! whose threshold is at least its score. Changing these needs a migration of the list.

/// Upper bound of each bag's score, ascending.
pub const THRESHOLDS: [u64; {N}] = [
"""
out.write_text(head + "".join(f"\t{v},\n" for v in thresholds) + "];\n")
