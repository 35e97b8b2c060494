#!/usr/bin/env bash
# Measures the gateway's cost: the same GET and POST through the gateway (8080), through Spring Cloud Gateway with
# routes only (the "floor", started here on FLOOR_PORT, 8079) and straight to the service (8084 statistics, 8083
# feedback-intake), alternating phases in one run, against a local stack that is already up.
#   bench/gateway-load/run.sh [clients] [duration] [rounds]
# FLOOR=false leaves the floor out. The gateway's per-client rate limits must be out of the way (the driver is one
# client):
#   DANVAN_RATE_LIMIT_READ=100000000 DANVAN_RATE_LIMIT_SUBMIT=100000000 \
#     DEV_STORE_BACKEND=memory DEV_JAVA_OPTS=-XX:TieredStopAtLevel=4 infra/dev up --reset
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
jdk=$(infra/dev jdk | sed -n 's/^JDK [0-9]*: //p')
java_bin=$jdk/bin/java
clients=${1:-32} duration=${2:-15s} rounds=${3:-3}
floor_port=${FLOOR_PORT:-8079}
mkdir -p bench/results
out=bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ).txt

# CPU per request of the stack's processes (infra/dev's pid files), when they are there
pids=()
for name in gateway statistics feedback-intake; do
  if [[ -r .local/pids/$name.pid ]] && kill -0 "$(cat ".local/pids/$name.pid")" 2>/dev/null; then
    pids+=("$name=$(cat ".local/pids/$name.pid")")
  fi
done

args=(--clients "$clients" --duration "$duration" --warmup 15s --rounds "$rounds")
if [[ ${FLOOR:-true} == true ]]; then
  jar=bench/gateway-load/floor/target/gateway-floor-0.1.0-SNAPSHOT-exec.jar
  if [[ ! -f $jar ]] || [[ -n $(find bench/gateway-load/floor/src bench/gateway-load/floor/pom.xml -newer "$jar") ]]; then
    echo "building the floor gateway (bench/gateway-load/floor)"
    JAVA_HOME=$jdk ./mvnw -q -B -f bench/gateway-load/floor/pom.xml package -DskipTests
  fi
  # the same heap and collector as infra/dev gives the platform's gateway
  PORT=$floor_port "$java_bin" -Xss512k -XX:+UseSerialGC -Xms32m -Xmx256m -jar "$jar" \
    > bench/results/gateway-floor.log 2>&1 &
  floor_pid=$!
  trap 'kill $floor_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$floor_port") 2>/dev/null && break
    kill -0 "$floor_pid" || { echo "the floor gateway exited; see bench/results/gateway-floor.log"; exit 1; }
    sleep 0.5
  done
  args+=(--floor "http://127.0.0.1:$floor_port")
  pids+=("floor=$floor_pid")
fi
if ((${#pids[@]})); then
  args+=(--pids "$(IFS=,; echo "${pids[*]}")")
fi
"$java_bin" bench/gateway-load/GatewayLoad.java "${args[@]}" 2>&1 | tee "$out"
echo "written to $out"
