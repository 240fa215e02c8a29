# Side-by-side timing of one bench network in EventSpike and in Brian2's C++ standalone mode, on the
# same machine, runs interleaved (Brian2, EventSpike, Brian2, ...) so both see the same load.
# Brian2 compiles once (its compile time is left out, as its own run_s leaves it out); each repeat then
# runs the built binary again. Figures: CPU seconds of the simulation loop (Brian2: the process's CPU
# clock around its network run; EventSpike: run_cpu_s, the whole process's CPU over the run, every
# thread) and wall seconds (Brian2's run_s, EventSpike's wall_s); medians and their ratios. Where the bench line has
# loop_cpu_s (the actors: CPU over wall_s only, without making and stopping the run's actors, the span Brian2's clock
# covers), its median and ratio are added as eventspike_loop_cpu_s and loop_cpu_ratio.
# --baseline CMD adds a second EventSpike build (say, main's) to the same interleave (Brian2, baseline, EventSpike, ...),
# so two builds are compared under the same load; its medians and ratios get the prefix baseline_.
# Usage: compare.py coba|cuba|brunel [--duration S] [--repeats N] [--eventspike CMD] [--baseline CMD] [-- bench options]
import argparse, json, os, shlex, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def brian_build(bench, duration, directory):
    script = os.path.join(HERE, f'{bench}_brian2.py')
    out = subprocess.run(['/usr/bin/python3', script, str(duration), directory], capture_output=True, text=True, check=True).stdout
    return json.loads(next(l for l in out.splitlines() if l.startswith('{')))


def brian_run(directory):
    out = subprocess.run(['./main'], cwd=directory, capture_output=True, text=True, check=True).stdout
    cpu = float(next(l.split()[1] for l in out.splitlines() if l.startswith('run_cpu_s')))
    with open(os.path.join(directory, 'results', 'last_run_info.txt')) as f:
        wall = float(f.read().split()[0])
    return cpu, wall


def ours_run(command, bench, duration, extra):
    args = shlex.split(command) + ['bench', bench, '--duration', str(duration)] + extra
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = json.loads(out.strip().splitlines()[-1])
    return line['run_cpu_s'], line['wall_s'], line


def main():
    p = argparse.ArgumentParser()
    p.add_argument('bench', choices=['coba', 'cuba', 'brunel'])
    p.add_argument('--duration', type=float, default=1.0)
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--eventspike', default='dotnet Host/bin/Release/net10.0/eventspike.dll')
    p.add_argument('--baseline', default=None, help='a second EventSpike command run in the same interleave')
    argv = sys.argv[1:]
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    a = p.parse_args(argv[:argv.index('--')] if '--' in argv else argv)
    a.extra = extra
    directory = f'/tmp/eventspike-peer-{a.bench}-{a.duration:g}s'
    peer = brian_build(a.bench, a.duration, directory)
    print(f'brian2 built in {directory}: rate {peer["rate_hz"]} Hz', file=sys.stderr)
    rows, base, loops = [], [], []
    for r in range(a.repeats):
        b_cpu, b_wall = brian_run(directory)
        if a.baseline:
            base.append(ours_run(a.baseline, a.bench, a.duration, a.extra)[:2])
        o_cpu, o_wall, line = ours_run(a.eventspike, a.bench, a.duration, a.extra)
        rows.append((b_cpu, b_wall, o_cpu, o_wall))
        if 'loop_cpu_s' in line:
            loops.append(line['loop_cpu_s'])
        extra = f' | baseline cpu {base[-1][0]:.3f} s wall {base[-1][1]:.3f} s' if a.baseline else ''
        print(f'run {r + 1}: brian2 cpu {b_cpu:.3f} s wall {b_wall:.3f} s | eventspike cpu {o_cpu:.3f} s wall {o_wall:.3f} s'
              f' (rate {line["mean_rate_hz"]} Hz){extra}', file=sys.stderr)
    med = [statistics.median(c) for c in zip(*rows)]
    result = {
        'bench': a.bench, 'duration_s': a.duration, 'repeats': a.repeats, 'eventspike_options': a.extra,
        'brian2_rate_hz': peer['rate_hz'], 'eventspike_rate_hz': line['mean_rate_hz'],
        'brian2_cpu_s': round(med[0], 4), 'eventspike_cpu_s': round(med[2], 4), 'cpu_ratio': round(med[2] / med[0], 3),
        'brian2_wall_s': round(med[1], 4), 'eventspike_wall_s': round(med[3], 4), 'wall_ratio': round(med[3] / med[1], 3),
    }
    if len(loops) == len(rows):
        loop = statistics.median(loops)
        result.update({'eventspike_loop_cpu_s': round(loop, 4), 'loop_cpu_ratio': round(loop / med[0], 3)})
    if a.baseline:
        b_med = [statistics.median(c) for c in zip(*base)]
        result.update({'baseline_cpu_s': round(b_med[0], 4), 'baseline_cpu_ratio': round(b_med[0] / med[0], 3),
                       'baseline_wall_s': round(b_med[1], 4), 'baseline_wall_ratio': round(b_med[1] / med[1], 3)})
    print(json.dumps(result))


if __name__ == '__main__':
    main()
