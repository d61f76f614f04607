#!/bin/bash
# p99.sh ROUNDS INDEX QUERIES BUILD_A BUILD_B : two builds of the searchkit host (folders holding SearchKit.Cli.dll)
# alternating, `bench query` with paragraphs and snippets, one client: QPS, percentiles, CPU a query, slowest.
for r in $(seq 1 "$1"); do for b in "$4" "$5"; do
  echo "== $b round $r load=$(cut -d' ' -f1 /proc/loadavg)"
  dotnet "$b/SearchKit.Cli.dll" bench query "$3" --index "$2" --seconds 5 --warmup 3 --concurrency 1 --slowest 4 2>/dev/null | sed -n '/^concurrency/,$p' | grep -v "^$"
done; done
