#!/usr/bin/env bash
# Start-up side by side: `run reservoir.json --duration 0.001` with each build folder given (alternating, N rounds),
# printing per run the whole process's CPU seconds and wall (/usr/bin/time) and, where the build writes it,
# summary.json's startup block (first_spike_s: wall from the process's start to the first recorded spike;
# first_spike_cpu_s: the process's CPU by then; JIT-compiled methods by then). Then the medians per build.
# Usage: Benchmarks/startup/startup.sh [-n ROUNDS] [--plot] DIR_WITH_eventspike.dll ...   (default: 5 rounds, --no-plot)
set -euo pipefail
rounds=5; plot=--no-plot
while [[ $# -gt 0 && $1 == -* ]]; do
  case $1 in -n) rounds=$2; shift 2;; --plot) plot=""; shift;; *) echo "unknown option $1" >&2; exit 2;; esac
done
[[ $# -ge 1 ]] || { echo "usage: $0 [-n ROUNDS] [--plot] BUILD_DIR ..." >&2; exit 2; }
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
uptime
for ((r = 1; r <= rounds; r++)); do
  for dir in "$@"; do
    out="$work/out"; rm -rf "$out"
    /usr/bin/time -f "%U %S %e" -o "$work/time" dotnet "$dir/eventspike.dll" run "$root/config/networks/reservoir.json" \
      --duration 0.001 --out "$out" $plot >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    python3 - "$dir" "$work/time" "$out/summary.json" >>"$work/rows" <<'PY'
import json, sys
d, t, s = sys.argv[1:]
u, sy, wall = map(float, open(t).read().split()[-3:])
st = json.load(open(s)).get("startup", {})
print(json.dumps({"build": d, "cpu_s": round(u + sy, 3), "wall_s": wall, "first_spike_s": st.get("first_spike_s"),
                  "first_spike_cpu_s": st.get("first_spike_cpu_s"), "jit": st.get("jit_methods_at_first_spike")}))
PY
    tail -1 "$work/rows"
  done
done
python3 - "$work/rows" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
for d in dict.fromkeys(r["build"] for r in rows):
    rs = [r for r in rows if r["build"] == d]
    med = lambda k: (st.median([r[k] for r in rs if r[k] is not None]) if any(r[k] is not None for r in rs) else None)
    print(f"{d}: median of {len(rs)}: process cpu_s {med('cpu_s')}, wall_s {med('wall_s')}, "
          f"first_spike_s {med('first_spike_s')}, first_spike_cpu_s {med('first_spike_cpu_s')}, jit {med('jit')}")
PY
