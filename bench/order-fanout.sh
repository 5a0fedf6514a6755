#!/usr/bin/env bash
# Benchmark (c): order's latency with product and customer each delayed 50 ms (FAULT_DELAY_MS).
# Order calls both in parallel, so its p50 should be near 50 ms, not the 100 ms of calling them
# one after the other. Starts the three jars on free loopback ports, no mesh in between, and
# stops them (by process id) when it ends.
#
#   bench/order-fanout.sh [RATES...]      default: 50 100 200 (requests/s, 15 s each)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates=("${@:-50 100 200}")
# shellcheck disable=SC2206 # split the default list
rates=(${rates[*]})

"$root/meshctl" --version >/dev/null # builds the jars when they are missing or stale

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pids=()
stop_all() {
    if ((${#pids[@]} > 0)); then
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
}
trap stop_all EXIT

logs="$(mktemp -d)"
start() { # NAME JAR PORT VAR=VALUE...
    local name="$1" jar="$2" port="$3"
    shift 3
    env SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 "$@" \
        java -XX:+UseSerialGC -Xmx256m -jar "$root/$jar/target/$jar.jar" >"$logs/$name.log" 2>&1 &
    pids+=("$!")
}
await_ready() { # PORT
    for _ in $(seq 1 600); do
        curl -fs "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null && return 0
        sleep 0.1
    done
    echo "a service on port $1 did not become ready; logs in $logs" >&2
    return 1
}

product=$(free_port) customer=$(free_port) order=$(free_port)
start product product-service "$product" FAULT_DELAY_MS=50
start customer customer-service "$customer" FAULT_DELAY_MS=50 SERVICE_NAME=Customer
start order order-service "$order" \
    PRODUCT_SVC_URL="http://127.0.0.1:$product" CUSTOMER_SVC_URL="http://127.0.0.1:$customer"
for port in "$product" "$customer" "$order"; do await_ready "$port"; done

# Freshly started JVMs run interpreted code for their first thousands of requests, and on two cores
# the JIT compilers compete with the services: ramp the load up until the code is compiled (the
# last warm-up step shows a p50 near the measured ones), then let each measuring run warm its own
# client at the rate it measures.
for step in "100 15s" "200 15s" "200 15s" "200 15s"; do
    read -r rate duration <<<"$step"
    printf 'warm-up: %s requests/s for %s (not counted): ' "$rate" "$duration" >&2
    "$root/meshctl" load "http://127.0.0.1:$order/" --rps "$rate" --duration "$duration" | grep '^latency' >&2 || true
done
for rate in "${rates[@]}"; do
    echo "== order -> product and customer, each delayed 50 ms, $rate requests/s for 15s"
    "$root/meshctl" load "http://127.0.0.1:$order/" --rps "$rate" --duration 15s --warm-up 5s || true
done
