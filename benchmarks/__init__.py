"""Benchmarks (``make bench``): each case runs in a fresh process and reports time and peak memory, next to a
baseline measured in the same run, so figures are read as ratios rather than machine-dependent seconds."""
