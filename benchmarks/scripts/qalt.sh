#!/bin/bash
# qalt.sh ROUNDS SECS : Java Lucene 4.10 and SearchKit (light path: id and title, one client then two) over the
# indexes round.sh built, each once per round, the peers' 30 queries; RESULT lines appended to $RESULTS
# (default /tmp/qalt.txt). Same set-up as round.sh.
PEERS=${PEERS:-/tmp/peers}; SK=${SK:-/tmp/skb/SearchKit.Benchmarks}; RESULTS=${RESULTS:-/tmp/qalt.txt}
Q=$PEERS/queries.txt
for r in $(seq 1 "$1"); do
  for e in j4 sk; do
    case $e in
      j4) cmd="$PEERS/lucene-java/run4.sh search /tmp/ix-j4 $Q $2";;
      sk) cmd="$SK peers search /tmp/ix-sk $Q $2 2";;
    esac
    $cmd 2>/dev/null | grep RESULT | sed "s/$/ round=$r e=$e/" | tee -a "$RESULTS"
  done
done
