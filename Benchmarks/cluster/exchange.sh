#!/usr/bin/env bash
# The per-window node-to-node exchange, side by side. For each variant it starts two worker nodes on loopback,
# then runs config/networks/cluster-exchange.json (two layers on two workers that wait on each other every
# one-step window; nothing else to compute) REPS times per variant, the variants alternating, and prints each
# run's µs per window (summary.json's window_round_trip_ms: wall time over windows), the CPU µs the two workers
# spent per window (from /proc, robust on a loaded machine), and each variant's medians.
#   usage: Benchmarks/cluster/exchange.sh REPS DURATION_S 'DLL [RUN OPTIONS...]' ...
# e.g. before/after: exchange.sh 5 0.5 '/tmp/main/Host/bin/Release/net10.0/eventspike.dll' 'Host/bin/Release/net10.0/eventspike.dll'
# A variant's options go to `run` (e.g. --credit 4 --cluster FILE.hocon); EXCHANGE_NODE_HOCON=FILE is laid over every worker.
set -euo pipefail
REPS=$1; DUR=$2; shift 2
NET=config/networks/cluster-exchange.json
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
NODECFG=(); [ -n "${EXCHANGE_NODE_HOCON:-}" ] && NODECFG=(--config "$EXCHANGE_NODE_HOCON")
declare -a SEED W1 W2
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }  # utime+stime in clock ticks
HZ=$(getconf CLK_TCK)
i=0
for v in "$@"; do
  read -r dll _ <<< "$v"
  p1=$(free_port); p2=$(free_port)
  dotnet "$dll" node --port "$p1" --threads 1 "${NODECFG[@]}" > "$TMP/w$i-1.log" 2>&1 & PIDS+=($!); W1[$i]=$!
  dotnet "$dll" node --port "$p2" --seed-nodes "127.0.0.1:$p1" --threads 1 "${NODECFG[@]}" > "$TMP/w$i-2.log" 2>&1 & PIDS+=($!); W2[$i]=$!
  SEED[$i]="127.0.0.1:$p1"
  i=$((i+1))
done
sleep 5
declare -A RESULTS CPUS
for r in $(seq 1 "$REPS"); do
  i=0
  for v in "$@"; do
    read -r dll opts <<< "$v"
    out="$TMP/out-$i-$r"
    c0=$(( $(cpu "${W1[$i]}") + $(cpu "${W2[$i]}") ))
    # shellcheck disable=SC2086
    dotnet "$dll" run "$NET" --duration "$DUR" --out "$out" --no-plot --seed-nodes "${SEED[$i]}" --min-nodes 2 $opts \
      > /dev/null 2> "$out.err" || { echo "variant $i rep $r failed:"; cat "$out.err"; exit 1; }
    c1=$(( $(cpu "${W1[$i]}") + $(cpu "${W2[$i]}") ))
    read -r us msgs cus <<< "$(python3 -c "
import json; s=json.load(open('$out/summary.json'))
w=s['window_round_trip_ms']
windows=round($DUR/0.0001)
print(round(w*1000,1), sum(t['messages']+t['control_messages'] for t in s['traffic']), round(($c1-$c0)/$HZ/windows*1e6,1))")"
    echo "variant $i rep $r: $us us/window (wall), $cus us/window (workers' CPU), $msgs node-to-node messages"
    RESULTS[$i]="${RESULTS[$i]:-} $us"
    CPUS[$i]="${CPUS[$i]:-} $cus"
    i=$((i+1))
  done
done
i=0
for v in "$@"; do
  med() { python3 -c "import statistics,sys; print(statistics.median(map(float,sys.argv[1:])))" "$@"; }
  echo "variant $i [$v]: median $(med ${RESULTS[$i]}) us/window wall, $(med ${CPUS[$i]}) us/window workers' CPU, over $REPS runs"
  i=$((i+1))
done
