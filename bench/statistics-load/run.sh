#!/usr/bin/env bash
# Runs the statistics bench on private ports: its own broker, store (memory or h2 backend) and statistics service,
# and identity provider (for the admin's token), then the driver, then stops what it started. Build first:
#   ./mvnw -B -q -pl infra/devstack,infra/identity,services/statistics/statistics-service -am -DskipTests package
#   [STORE_HEAP=3g] [STORE_JAVA_OPTS=...] [STORE_CLASSES=another build's infra/devstack/target/classes] [SERVICE_HEAP=768m] [SERVICE_JAVA_OPTS=...] [POPULATE=live|rebuild] \
#     [SERVICE_JAR=another build, for an A/B] [DRIVER_OPTS="--skip-rebuild --queries 100"] \
#     bench/statistics-load/run.sh [memory|h2] [events] [sse-rate]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
backend=${1:-memory} events=${2:-1000000} sse=${3:-1000}
java_bin=$(infra/dev jdk | sed -n 's/^JDK [0-9]*: //p')/bin/java
work=$(mktemp -d /tmp/statistics-bench.XXXXXX)
# STORE_CLASSES: another build of infra/devstack for the broker and store, for an A/B
cp="${STORE_CLASSES:-infra/devstack/target/classes}:infra/devstack/target/lib/*"
pids=()
# the service first, while the broker and store it closes its clients against are still up (stopped together, it
# spent a minute retrying the broker, on the CPU of whatever ran next), then the rest, newest first
stop() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || continue
        for _ in $(seq 1 60); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.5; done
    done
}
trap stop EXIT
"$java_bin" -Xmx512m -cp "$cp" vn.danvan.devstack.LocalKafka --data-dir "$work/kafka" --port 39192 \
    --controller-port 39193 --partitions 6 --ready-file "$work/kafka.ready" > "$work/kafka.log" 2>&1 & pids+=($!)
# the memory backend's store runs the serial collector, promoting at once: with G1's defaults its young pauses
# (60-165 ms every few seconds) took the stream's p99 past a second (bench/README.md, statistics-load,
# "Figures (2026-12-04, evening: the store's collector)")
store_opts=()
[[ $backend == memory ]] && store_opts=(-XX:+UseSerialGC -XX:MaxTenuringThreshold=0)
# the H2 file store's page cache: H2's default of 16 MB held a few thousand counter documents (bench/README.md,
# "Figures (2026-12-05: the H2 store's maps in BSON)")
# and a 30 ms pause goal: G1's default young pauses (up to 140 ms) were the stream's tail (bench/README.md,
# "Figures (2026-12-05, later: counter updates in the local store)")
[[ $backend == h2 ]] && store_opts=(-Ddanvan.store.cache-mb=256 -XX:MaxGCPauseMillis=30)
"$java_bin" -Xmx${STORE_HEAP:-3g} "${store_opts[@]}" ${STORE_JAVA_OPTS:-} -cp "$cp" vn.danvan.devstack.LocalStores --data-dir "$work/stores" --backend "$backend" \
    --store statistics=37120 --ready-file "$work/stores.ready" > "$work/stores.log" 2>&1 & pids+=($!)
issuer=http://127.0.0.1:39100
PORT=39100 DANVAN_ISSUER_URI=$issuer DANVAN_IDENTITY_KEY_DIR= "$java_bin" -Xmx256m \
    -jar infra/identity/target/identity-0.1.0-SNAPSHOT-exec.jar > "$work/identity.log" 2>&1 & pids+=($!)
for _ in $(seq 1 60); do [[ -f $work/kafka.ready && -f $work/stores.ready ]] && break; sleep 1; done
DANVAN_ISSUER_URI=$issuer PORT=38184 MONGODB_URI=mongodb://127.0.0.1:37120/danvan_statistics KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:39192 \
    "$java_bin" -Xmx${SERVICE_HEAP:-768m} ${SERVICE_JAVA_OPTS:-} -jar "${SERVICE_JAR:-services/statistics/statistics-service/target/statistics-service-0.1.0-SNAPSHOT-exec.jar}" \
    > "$work/service.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:38184/actuator/health/readiness > /dev/null && break; sleep 1; done
mkdir -p bench/results
out=bench/results/statistics-$backend-$(date -u +%Y%m%dT%H%M%SZ).txt
for _ in $(seq 1 60); do curl -sf $issuer/.well-known/openid-configuration > /dev/null && break; sleep 1; done
DANVAN_TOKEN_URL=$issuer/oauth2/token "$java_bin" -Dlogback.configurationFile=bench/statistics-load/logback.xml -cp "infra/devstack/target/lib/*" \
    bench/statistics-load/StatisticsLoad.java --url http://127.0.0.1:38184 --bootstrap 127.0.0.1:39192 \
    --events "$events" --sse-rate "$sse" --backend "$backend" --populate "${POPULATE:-live}" ${DRIVER_OPTS:-} 2>&1 \
    | grep --line-buffered -E '^(statistics bench|load:|projection:|query|raw consumer|rebuild|sse)' | tee "$out"
echo "written to $out (logs in $work)"
