#!/usr/bin/env bash
# The device check of issue #17 (GPU-resident path), as one script for the `device` tool's machine (one NVIDIA GPU):
# builds the Host in Release, runs PD14 at full scale for 1 s resident on CUDA (0.1 s transient), then the CPU path
# and the CUDA path at scale 0.05 for 0.2 s side by side (same spikes expected up to FMA ties). Results: $OUT/*.json.
# Usage (from the repository root): bash Benchmarks/gpu/resident-microcircuit.sh
set -u
OUT=${OUT:-/tmp/resident-out}
mkdir -p "$OUT"
nvidia-smi -L > "$OUT/gpu.txt" 2>&1 || true
# IL build: the device machine reaches no NuGet feed for the ReadyToRun packs (README "Start-up").
dotnet build Host -c Release -p:EventSpikeReadyToRun=false -v q > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }
ES="dotnet Host/bin/Release/net10.0/eventspike.dll"
timeout 300 $ES bench microcircuit --scale 1 --duration 1 --transient 0.1 --device cuda > "$OUT/full-cuda.json" 2> "$OUT/full-cuda.err"
echo "full cuda rc=$?"; cat "$OUT/full-cuda.json"; tail -3 "$OUT/full-cuda.err"
for d in cpu cuda; do
  timeout 120 $ES bench microcircuit --scale 0.05 --duration 0.2 --transient 0.05 --threads 16 --device $d > "$OUT/small-$d.json" 2> "$OUT/small-$d.err"
  echo "small $d rc=$?"; cat "$OUT/small-$d.json"
done
