"""Speed comparisons against named peers; `python -m benchmarks` (make bench) prints the tables."""
