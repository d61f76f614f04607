#!/usr/bin/env bash
# Compares the host's machine output of two builds on the bundled samples: each build indexes samples/articles
# into its own scratch index, then answers the same queries with --json (and stats/show with --json); the outputs
# must be byte-identical once the time taken ("tookMs") is blanked and the keys added on purpose since the older
# build are dropped from the newer one (issue 11: "totalIsLowerBound", per-paragraph "highlights"; pass others in
# NEW_KEYS as a regex of names). Used for issue 12 (no behaviour change): docs/benchmarks.md, "Output unchanged".
#
#   benchmarks/compare-json.sh OLD/src/SearchKit.Cli/bin/Release/net10.0/SearchKit.Cli.dll \
#                              src/SearchKit.Cli/bin/Release/net10.0/SearchKit.Cli.dll
set -euo pipefail
old=$1 new=$2
samples=${3:-$(dirname "$0")/../samples/articles}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

queries=(ferry '"night hours"' 'heron OR puffin' 'station shuttle' 'harb*' 'ferri~' 'title:ferry' '+ferry -dredging'
         'library AND hours' 'nothingmatchesthis' '"ferry dredging"~5' 'tags:*')

run() { # build name
  local dll=$1 out=$work/$2 index=$work/$2-index
  mkdir -p "$out"
  dotnet "$dll" index "$samples" --index "$index" --threads 1 > /dev/null 2>&1
  local i=0
  for q in "${queries[@]}"; do
    i=$((i + 1))
    dotnet "$dll" search "$q" --index "$index" --json > "$out/q$i.json" 2>&1 || echo "exit $?" >> "$out/q$i.json"
    dotnet "$dll" search "$q" --index "$index" --json --passages --top 3 > "$out/q$i-passages.json" 2>&1 || echo "exit $?" >> "$out/q$i-passages.json"
  done
}

run "$old" old
run "$new" new
new_keys=${NEW_KEYS:-totalIsLowerBound|highlights}
for f in "$work"/old/* "$work"/new/*; do
  sed -E -i 's/"tookMs":[0-9.]+/"tookMs":_/g' "$f"
done
for f in "$work"/new/*; do
  # a new key's value here is a boolean or an array of flat objects
  sed -E -i "s/,\"($new_keys)\":(true|false|\[(\{[^{}]*\},?)*\])//g" "$f"
done
if diff -r "$work/old" "$work/new"; then
  echo "identical: $(ls "$work/new" | wc -l) outputs, ${#queries[@]} queries"
else
  echo "DIFFERENT"
  exit 1
fi
