#!/bin/sh
# Side-by-side EventSpike vs Brian2 (C++ standalone): see compare.py. Example, from the repository root:
#   Benchmarks/peers/compare.sh coba --duration 1 --repeats 5 -- --warmup 0.2
exec /usr/bin/python3 -B "$(dirname "$0")/compare.py" "$@"
