#!/usr/bin/env bash
# PD14 on two worker nodes on loopback: starts two `eventspike node` processes (each under /usr/bin/time -v), runs
# `bench microcircuit --seed-nodes ... --min-nodes 2 [OPTIONS]` as their coordinator, prints its JSON line, then each
# process's peak RSS and CPU seconds, and stops the workers.
#   usage: Benchmarks/cluster/microcircuit.sh DLL [BENCH OPTIONS...]
#   e.g.   Benchmarks/cluster/microcircuit.sh Host/bin/Release/net10.0/eventspike.dll --scale 1 --duration 1 --transient 0.5
# Compare with the one-process figure: dotnet DLL bench microcircuit [the same options] (same seed: the same spikes).
set -euo pipefail
DLL=$1; shift
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; done; sleep 2; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
p1=$(free_port); p2=$(free_port)
/usr/bin/time -v dotnet "$DLL" node --port "$p1" --threads 1 > "$TMP/w1.log" 2> "$TMP/w1.err" & PIDS+=($!)
/usr/bin/time -v dotnet "$DLL" node --port "$p2" --seed-nodes "127.0.0.1:$p1" --threads 1 > "$TMP/w2.log" 2> "$TMP/w2.err" & PIDS+=($!)
sleep 5
/usr/bin/time -v dotnet "$DLL" bench microcircuit --seed-nodes "127.0.0.1:$p1" --min-nodes 2 --join-timeout 60 "$@" 2> "$TMP/c.err"
for p in "${PIDS[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; done  # the node under time(1)
wait || true
for f in w1 w2 c; do
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.2f GB", $2/1e6}' "$TMP/$f.err")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$TMP/$f.err")
  echo "$f: peak RSS $rss, CPU $cpu s"
done
PIDS=()
