#!/usr/bin/env bash
# Benchmark (a): what the local data plane adds. Runs DataPlaneBenchmark twice: against a minimal
# in-process server (the data plane's own cost, nothing else in the way), then against the product
# service's jar as its own process (the workload the data plane fronts in the walkthrough). Each run
# alternates direct and mesh rounds at 500 and 1000 requests/s, then measures maximum throughput.
# The product service listens on a free loopback port and is stopped (by process id) at the end.
#
#   bench/data-plane.sh [SECONDS-PER-ROUND] [ROUNDS]      defaults: 3 s, 5 rounds
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-3}"
rounds="${2:-5}"

"$root/meshctl" --version >/dev/null # builds the jars when they are missing or stale
"$root/bench/build.sh" # the benchmark mains live in their own module, outside meshctl.jar
benchmark=(java -cp "$root/mesh/target/meshctl.jar:$root/bench/target/bench.jar" io.github.meshrefarch.bench.DataPlaneBenchmark)

echo "== the data plane against a minimal in-process server"
"${benchmark[@]}" "$seconds" "$rounds"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$(mktemp)"
SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
    java -XX:+UseSerialGC -Xmx256m -jar "$root/product-service/target/product-service.jar" >"$log" 2>&1 &
product=$!
trap 'kill "$product" 2>/dev/null || true; wait "$product" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
    sleep 0.1
done
curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || {
    echo "the product service did not become ready; its log: $log" >&2
    exit 1
}

# A fresh Spring Boot JVM runs interpreted code for its first thousands of requests: compile it first.
for rate in 200 500 1000; do
    "$root/meshctl" load "http://127.0.0.1:$port/" --rps "$rate" --duration 10s >/dev/null || true
done

echo
echo "== the data plane against the product service (its own JVM)"
"${benchmark[@]}" "$seconds" "$rounds" "http://127.0.0.1:$port/"
