#!/usr/bin/env bash
# Runs the feedback-intake load scenarios against a local stack that is already up (infra/dev up), one after the
# other in the same run so each is compared with the bare endpoint measured minutes apart on the same machine:
#   bench/feedback-load/run.sh [bare-rate] [item-rate] [comment-rate] [duration]
# Start the stack for a benchmark with the full JIT and the store backend to measure, e.g.
#   DEV_STORE_BACKEND=memory DEV_JAVA_OPTS=-XX:TieredStopAtLevel=4 infra/dev up --reset
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
java_bin=$(infra/dev jdk | sed -n 's/^JDK [0-9]*: //p')/bin/java
bare=${1:-2000} item=${2:-100} comment=${3:-300} duration=${4:-60s}
mkdir -p bench/results
out=bench/results/feedback-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  "$java_bin" bench/feedback-load/FeedbackLoad.java --scenarios bare --rate "$bare" --duration "$duration" --warmup 15s
  "$java_bin" bench/feedback-load/FeedbackLoad.java --scenarios item --rate "$item" --duration "$duration" --warmup 10s \
    --tally-wait 120s
  "$java_bin" bench/feedback-load/FeedbackLoad.java --scenarios comment --rate "$comment" --duration "$duration" \
    --warmup 10s --tally-wait 120s
} 2>&1 | tee "$out"
echo "written to $out"
