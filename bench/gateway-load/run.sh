#!/usr/bin/env bash
# Measures the gateway's cost: the same GET and POST through the gateway (8080) and straight to the service
# (8084 statistics, 8083 feedback-intake), alternating phases in one run, against a local stack that is already up.
#   bench/gateway-load/run.sh [clients] [duration] [rounds]
# The gateway's per-client rate limits must be out of the way (the driver is one client):
#   DANVAN_RATE_LIMIT_READ=100000000 DANVAN_RATE_LIMIT_SUBMIT=100000000 \
#     DEV_STORE_BACKEND=memory DEV_JAVA_OPTS=-XX:TieredStopAtLevel=4 infra/dev up --reset
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
java_bin=$(infra/dev jdk | sed -n 's/^JDK [0-9]*: //p')/bin/java
clients=${1:-32} duration=${2:-15s} rounds=${3:-3}
mkdir -p bench/results
out=bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ).txt
"$java_bin" bench/gateway-load/GatewayLoad.java --clients "$clients" --duration "$duration" --warmup 15s \
  --rounds "$rounds" 2>&1 | tee "$out"
echo "written to $out"
