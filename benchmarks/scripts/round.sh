#!/bin/bash
# round.sh TAG CORPUS THREADS ENGINES... : one interleaved indexing round (each engine once, in the order given),
# appending one RESULT line per engine (with wall time, CPU and peak RSS) to $RESULTS (default /tmp/results.txt).
# Engines: sk (SearchKit, `peers index`), skn (the same without the final merge), ln (raw Lucene.Net), j4 (Java Lucene 4.10), ska / lna (analysis floors).
# Needs: the peer harnesses (raw Lucene.Net, Java Lucene, Xapian; kept outside this repository) copied to $PEERS (default /tmp/peers) and built (see its README); $SK = the built
# SearchKit.Benchmarks executable (dotnet build -c Release benchmarks/SearchKit.Benchmarks -o /tmp/skb).
tag=$1; c=$2; t=$3; shift 3
PEERS=${PEERS:-/tmp/peers}; SK=${SK:-/tmp/skb/SearchKit.Benchmarks}; RESULTS=${RESULTS:-/tmp/results.txt}
for e in "$@"; do
  case $e in
    ln) cmd="$PEERS/lucenenet-raw/bin/rel/LnRaw index /tmp/ix-ln $c $t";;
    j4) cmd="$PEERS/lucene-java/run4.sh index /tmp/ix-j4 $c $t";;
    sk) cmd="$SK peers index /tmp/ix-sk $c $t";;
    skn) cmd="$SK peers index /tmp/ix-skn $c $t nomerge";;
    lna) cmd="$PEERS/lucenenet-raw/bin/rel/LnRaw analyze - $c $t";;
    ska) cmd="$SK peers analyze - $c $t";;
    *) echo "unknown engine $e" >&2; exit 2;;
  esac
  /usr/bin/time -f "wall=%e user=%U sys=%S rss_kb=%M" -o /tmp/.round-time $cmd > /tmp/.round-out 2>/tmp/.round-err
  echo "$(grep ^RESULT /tmp/.round-out | tail -1) $(cat /tmp/.round-time) tag=$tag e=$e" | tee -a "$RESULTS"
done
