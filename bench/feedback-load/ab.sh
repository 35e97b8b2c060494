#!/usr/bin/env bash
# A/B of feedback-intake builds: each build gets a private stack of its own (broker, store, identity
# provider, the service) on ports apart from infra/dev's, runs the bare and comment (or item) scenarios, and is stopped; builds
# alternate round by round, so every pair is measured minutes apart on the same machine. The store is mongo-java-server's
# memory backend unless STORE_BACKEND=h2 (its H2 file backend, as infra/dev runs it by default).
#
#   [SCENARIO=comment|item|track] [STORE_BACKEND=memory|h2] [STORE_CLASSES=<devstack classes>] [SERVICE_JAVA_OPTS=...] [STORE_JAVA_OPTS=...] bench/feedback-load/ab.sh "<exec jar A> <exec jar B> ..." \
#       [rounds=2] [rate=2000] [duration=20s]
#
# Per build and round: bare (10 s warm-up), one run of the scenario (comments by default, or items) to warm the JIT
# (not reported), then the run reported, with the CPU seconds the service, store and broker used during it (from
# /proc); items also print their timeline (the slowest answer of every second). Needs the devstack and
# identity built (./mvnw -B -q -pl infra/devstack,infra/identity -am -DskipTests package) and a JDK >= 21.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
java_bin=$(infra/dev jdk | sed -n 's/^JDK [0-9]*: //p')/bin/java
jars=${1:?exec jars to compare, in quotes}
rounds=${2:-2} rate=${3:-2000} duration=${4:-20s}
scenario=${SCENARIO:-comment}
backend=${STORE_BACKEND:-memory}
case $backend in
  # the serial collector, promoting at once, as infra/dev runs the stores: with G1's defaults the memory backend's
  # young pauses (60-230 ms every few seconds) made the items' p99 (bench/README.md, "The store's collector, and the
  # tally consumer's fetches"); the H2 backend's rate is bound by its updates, not its pauses, and keeps G1
  memory) store_gc=(-XX:+UseSerialGC -XX:MaxTenuringThreshold=0) ;;
  h2) store_gc=() ;;
  *) echo "STORE_BACKEND is memory or h2, not $backend" >&2; exit 2 ;;
esac
case $scenario in
  comment) extra=(--tally-wait 120s) ;;
  item) extra=(--timeline true) ;;
  # the tracking page's cost grows with the store's items where no index serves the lookup: the stack is filled
  # first with TRACK_FILL (default 40s) of items at TRACK_FILL_RATE (default 250/s)
  track) extra=(--track-codes 500) ;;
  *) echo "SCENARIO is comment, item or track, not $scenario" >&2; exit 2 ;;
esac
# STORE_CLASSES: another build of infra/devstack for the broker and store, for a store A/B
cp="${STORE_CLASSES:-infra/devstack/target/classes}:infra/devstack/target/lib/*"
kafka_port=39092 store_port=37019 identity_port=39000 service_port=38083
issuer=http://127.0.0.1:$identity_port
export DANVAN_TOKEN_URL=$issuer/oauth2/token
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pids=()
stop() {
  if ((${#pids[@]})); then kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; fi
  pids=()
}
trap stop EXIT
wait_for() { # what, test command...
  local what=$1 i
  shift
  for ((i = 0; i < 600; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2 # polling a process that is starting
  done
  echo "$what did not start" >&2
  return 1
}
load() { "$java_bin" bench/feedback-load/FeedbackLoad.java --url "http://127.0.0.1:$service_port" "$@"; }
for ((round = 1; round <= rounds; round++)); do
  for jar in $jars; do
    data=$(mktemp -d /tmp/feedback-ab.XXXXXX)
    "$java_bin" -cp "$cp" vn.danvan.devstack.LocalKafka --data-dir "$data/kafka" --port $kafka_port \
      --controller-port $((kafka_port + 1)) --partitions 6 --ready-file "$data/kafka.ready" >"$data/kafka.log" 2>&1 &
    kafka=$!
    "$java_bin" -Xmx4g "${store_gc[@]}" ${STORE_JAVA_OPTS:-} -cp "$cp" vn.danvan.devstack.LocalStores --data-dir "$data/stores" --backend "$backend" \
      --store feedback=$store_port --ready-file "$data/stores.ready" >"$data/stores.log" 2>&1 &
    store=$!
    PORT=$identity_port DANVAN_ISSUER_URI=$issuer DANVAN_IDENTITY_KEY_DIR="$data/identity" \
      "$java_bin" -Xmx256m -jar infra/identity/target/identity-0.1.0-SNAPSHOT-exec.jar >"$data/identity.log" 2>&1 &
    identity=$!
    pids=("$kafka" "$store" "$identity")
    wait_for broker test -f "$data/kafka.ready"
    wait_for store test -f "$data/stores.ready"
    wait_for identity curl -sf "$issuer/.well-known/openid-configuration"
    # a throwaway store: the public development keys will do (a build from before they had to be allowed ignores it)
    PORT=$service_port MONGODB_URI=mongodb://127.0.0.1:$store_port/danvan_feedback \
      KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port DANVAN_ISSUER_URI=$issuer DANVAN_FEEDBACK_ALLOW_DEVELOPMENT_KEYS=true \
      "$java_bin" -Xmx512m ${SERVICE_JAVA_OPTS:-} -jar "$jar" >"$data/service.log" 2>&1 &
    service=$!
    pids+=("$service")
    wait_for service curl -sf "http://127.0.0.1:$service_port/actuator/health/readiness"
    echo "== round $round: $jar ($backend backend)"
    load --scenarios bare --rate "$rate" --duration "$duration" --warmup 10s 2>&1 | grep -E '^bare'
    if [[ $scenario == track ]]; then
      load --scenarios item --rate "${TRACK_FILL_RATE:-250}" --duration "${TRACK_FILL:-40s}" --warmup 0s 2>&1 |
        grep -E '^item' | sed 's/^/filled: /'
    fi
    load --scenarios "$scenario" --rate "$rate" --duration "$duration" --warmup 10s "${extra[@]}" >/dev/null 2>&1
    before=("$(cpu "$service")" "$(cpu "$store")" "$(cpu "$kafka")")
    echo "reported run starts at $(date -u +%T.%3N) (its warm-up first)"
    load --scenarios "$scenario" --rate "$rate" --duration "$duration" --warmup 5s "${extra[@]}" 2>&1 |
      grep -E "^$scenario|^outbox|^tallies|^  second"
    echo "cpu seconds during the reported $scenario run: service $((($(cpu "$service") - before[0]) / 100))," \
      "store $((($(cpu "$store") - before[1]) / 100)), broker $((($(cpu "$kafka") - before[2]) / 100))"
    stop
    rm -rf "$data"
  done
done
