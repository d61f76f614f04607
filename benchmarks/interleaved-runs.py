#!/usr/bin/env python3
"""Cold-start timing on a busy machine: interleaved-runs.py ROUNDS 'name=command' ...

Each round runs every command once, in a shuffled order (after two warm-up rounds), so drift in the machine's load
hits all commands alike. Reports, per command, the median / mean / min wall time and the median CPU time (user +
system of the process, from getrusage), and the median of the per-round differences to the first command with a
bootstrap 95 % interval. A command may start with VAR=value environment assignments. Output goes to /dev/null.
Used for docs/benchmarks.md, "Cold start".
"""
import os, random, re, resource, shlex, statistics, subprocess, sys, time

def run(cmd):
    env, argv = dict(os.environ), []
    for part in shlex.split(cmd):
        if not argv and re.match(r'^[A-Za-z_][A-Za-z0-9_]*=', part):
            key, value = part.split('=', 1); env[key] = value
        else:
            argv.append(part)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
    subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (t1 - t0) * 1000, ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000

def interval(diffs):
    rnd = random.Random(1)
    medians = sorted(statistics.median(rnd.choices(diffs, k=len(diffs))) for _ in range(2000))
    return f"[{medians[50]:+.0f},{medians[1949]:+.0f}]"

def main():
    rounds, specs = int(sys.argv[1]), [a.split('=', 1) for a in sys.argv[2:]]
    for _ in range(2):
        for _, cmd in specs:
            run(cmd)
    wall = {n: [] for n, _ in specs}; cpu = {n: [] for n, _ in specs}
    for _ in range(rounds):
        order = list(specs); random.shuffle(order)
        for name, cmd in order:
            w, c = run(cmd); wall[name].append(w); cpu[name].append(c)
    first = specs[0][0]
    print(f"{'':24} {'wall med':>8} {'mean':>6} {'min':>6} {'Δ':>6} {'95 %':>11} | {'cpu med':>7} {'Δ':>6} {'95 %':>11}  (n={rounds}, Δ to {first})")
    for name, _ in specs:
        dw = [a - b for a, b in zip(wall[name], wall[first])]; dc = [a - b for a, b in zip(cpu[name], cpu[first])]
        print(f"{name:24} {statistics.median(wall[name]):8.0f} {statistics.mean(wall[name]):6.0f} {min(wall[name]):6.0f} "
              f"{statistics.median(dw):+6.0f} {interval(dw):>11} | {statistics.median(cpu[name]):7.0f} {statistics.median(dc):+6.0f} {interval(dc):>11}")

if __name__ == '__main__':
    main()
