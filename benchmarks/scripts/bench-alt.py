#!/usr/bin/env python3
"""Interleaved `bench query` (and optionally `bench index`) of two builds of the host:
bench-alt.py ROUNDS OLD_DLL NEW_DLL INDEX QUERIES [SECONDS]

Each round runs `bench query QUERIES --index INDEX --seconds SECONDS --concurrency 2 --json` once with each build, in
a shuffled order, so drift in a busy machine's load hits both alike; then `bench index --articles 3000 --runs 1
--warmup 0 --json` (the synthetic corpus) likewise. Prints per build the median of queries/s, CPU ms per query
(one client) and articles/s, and the median of the per-round ratios new/old. Used for docs/benchmarks.md,
"Issue 12: architecture, before and after".
"""
import json, random, statistics, subprocess, sys

def bench(dll, args):
    out = subprocess.run(['dotnet', dll, 'bench', *args, '--json'], capture_output=True, text=True, check=True).stdout
    return json.loads(out)

def main():
    rounds, old, new, index, queries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    seconds = sys.argv[6] if len(sys.argv) > 6 else '4'
    builds = {'old': old, 'new': new}
    rows = {n: {'qps1': [], 'qps2': [], 'cpu1': [], 'aps': []} for n in builds}
    for _ in range(rounds):
        order = list(builds.items()); random.shuffle(order)
        for name, dll in order:
            q = bench(dll, ['query', queries, '--index', index, '--seconds', seconds, '--warmup', '1', '--concurrency', '2'])
            one, two = q['phases'][0], q['phases'][1]
            rows[name]['qps1'].append(one['queriesPerSecond']); rows[name]['cpu1'].append(one['cpuMsPerQuery'])
            rows[name]['qps2'].append(two['queriesPerSecond'])
        random.shuffle(order)
        for name, dll in order:
            i = bench(dll, ['index', '--articles', '3000', '--runs', '1', '--warmup', '0'])
            rows[name]['aps'].append(articles_per_second(i))
    print(f"{'':6} {'qps 1 client':>12} {'qps 2 clients':>13} {'cpu ms/query':>12} {'articles/s':>10}   (medians, n={rounds})")
    for name in builds:
        r = rows[name]
        print(f"{name:6} {statistics.median(r['qps1']):12.1f} {statistics.median(r['qps2']):13.1f} "
              f"{statistics.median(r['cpu1']):12.2f} {statistics.median(r['aps']):10.0f}")
    ratio = lambda k: statistics.median(n / o for n, o in zip(rows['new'][k], rows['old'][k]))
    print(f"{'new/old':6} {ratio('qps1'):12.3f} {ratio('qps2'):13.3f} {ratio('cpu1'):12.3f} {ratio('aps'):10.3f}   (median of per-round ratios)")

def articles_per_second(report):
    # bench index --json: one row per configuration (one here), its articles/s over the measured runs
    return report['rows'][0]['articlesPerSecond']['median']

if __name__ == '__main__':
    main()
