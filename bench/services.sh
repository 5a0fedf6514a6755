#!/usr/bin/env bash
# Benchmark (e): the services' start-up, warm-up and footprint, before and after, side by side in one run.
#   before: `java -jar <module>.jar` on Java 17 with the JVM's default flags (BEFORE_JARS=DIR takes the jars from DIR,
#           e.g. built from an older commit; default: this checkout's Boot jars)
#   after:  `<module>/target/aot/run`, the fast way the build writes (Java 25 with the AOT cache and the small-service
#           flags when the build found a Java 25; see aot/AotTraining.java)
#   warm:   after, with WARM_UP_REQUESTS=300 as the local mode and the manifests run it: ready only once 300 calls to
#           its own API were answered 2xx (service-warmup), order's through its backends
# Measures: time from launch to the readiness probe's first 200, for each service alone (REPEATS times) and for the
# three started together; then, the three started together, order under 64 connections (wrk) from the moment it is
# ready: requests/s in each 5 s window, steady state (mean of the last three windows), the time from launch until a
# window first reaches 90% of it, and the highest resident memory (VmRSS) of each service under that load.
# Everything binds free loopback ports and is stopped by process id; no lock needed.
#
#   bench/services.sh [LOAD_SECONDS] [REPEATS]      default: 100 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
load_seconds="${1:-100}"
repeats="${2:-3}"
services=(product-service customer-service order-service)

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed: apt-get install -y curl" >&2; exit 2; }
java17="${JAVA17:-java}"
"$java17" -version 2>&1 | grep -q '"17' ||
    { echo "'$java17' is not Java 17: set JAVA17 to a Java 17 executable" >&2; exit 2; }
"$root/meshctl" --version >/dev/null # builds the jars (and target/aot/) when missing or stale
before_jars="${BEFORE_JARS:-}"
for service in "${services[@]}"; do
    [[ -x "$root/$service/target/aot/run" ]] || { echo "$service/target/aot/run is missing: ./mvnw package" >&2; exit 2; }
done

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

pids=()
stop_all() {
    if ((${#pids[@]} > 0)); then
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
    pids=()
}
trap stop_all EXIT
logs="$(mktemp -d)"

# start VARIANT SERVICE PORT MGMT VAR=VALUE...: launches one service in the background, its pid in $started
start() {
    local variant="$1" service="$2" port="$3" management="$4"
    shift 4
    local name="${service%-service}"
    local environment=(SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 SERVICE_NAME="${name^}" "$@")
    if [[ "$variant" == before ]]; then
        local jar="$root/$service/target/$service.jar"
        if [[ -n "$before_jars" ]]; then jar="$before_jars/$service.jar"; fi
        env "${environment[@]}" "$java17" -jar "$jar" >"$logs/$variant-$service.log" 2>&1 &
    else
        [[ "$variant" == warm ]] && environment+=(WARM_UP_REQUESTS=300)
        env "${environment[@]}" MANAGEMENT_PORT="$management" "$root/$service/target/aot/run" \
            >"$logs/$variant-$service.log" 2>&1 &
    fi
    started=$!
    pids+=("$started")
}

await_ready() { # PORT: waits for the readiness probe on PORT
    for _ in $(seq 1 6000); do
        curl -fs -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness" && return 0
        sleep 0.02
    done
    echo "nothing ready on port $1 after 120 s; logs in $logs" >&2
    return 1
}

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }

# probe port of a variant: before, Actuator is on the service port; after, on its own (MANAGEMENT_PORT)
declare -A port mgmt
assign_ports() {
    local variant="$1" service
    for service in "${services[@]}"; do
        port[$service]=$(free_port)
        mgmt[$service]=$(free_port)
        if [[ "$variant" == before ]]; then mgmt[$service]=${port[$service]}; fi
    done
}
backends() {
    echo PRODUCT_SVC_URL="http://127.0.0.1:${port[product-service]}" \
        CUSTOMER_SVC_URL="http://127.0.0.1:${port[customer-service]}"
}

echo "== services: start-up, warm-up and footprint, before, after and warm ($(date -u +%FT%TZ), $(nproc) cores)"
echo "before: $("$java17" -version 2>&1 | head -1), java -jar, default flags${before_jars:+, jars from $before_jars}"
echo "after:  $(grep "^exec" "$root/order-service/target/aot/run" | cut -c1-160) ..."
echo "warm:   after, with WARM_UP_REQUESTS=300 (ready once 300 calls to its own API were answered 2xx)"
echo
echo "-- time to ready, one service alone (ms, $repeats runs each, the variants alternating)"
printf '%-18s %-8s %s\n' service variant "runs (median)"
for service in "${services[@]}"; do
    declare -A times=([before]="" [after]="" [warm]="")
    for ((i = 0; i < repeats; i++)); do
        for variant in before after warm; do
            assign_ports "$variant"
            t0=$(now_ms)
            # shellcheck disable=SC2046 # backends is a list of VAR=VALUE
            start "$variant" "$service" "${port[$service]}" "${mgmt[$service]}" $(backends)
            await_ready "${mgmt[$service]}"
            times[$variant]+="$(($(now_ms) - t0)) "
            stop_all
        done
    done
    for variant in before after warm; do
        median=$(tr ' ' '\n' <<<"${times[$variant]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        printf '%-18s %-8s %s(%s)\n' "$service" "$variant" "${times[$variant]}" "$median"
    done
done

echo
echo "-- time to ready, the three started together (ms until all three are ready, $repeats runs each)"
for ((i = 0; i < repeats; i++)); do
    for variant in before after warm; do
        assign_ports "$variant"
        t0=$(now_ms)
        for service in "${services[@]}"; do
            # shellcheck disable=SC2046
            start "$variant" "$service" "${port[$service]}" "${mgmt[$service]}" $(backends)
        done
        for service in "${services[@]}"; do await_ready "${mgmt[$service]}"; done
        printf 'run %d  %-7s %6d\n' "$((i + 1))" "$variant" "$(($(now_ms) - t0))"
        stop_all
    done
done

# load VARIANT: the three together, order under 64 connections in 5 s windows from the moment it is ready
load() {
    local variant="$1" service
    declare -A pid
    assign_ports "$variant"
    local t0
    t0=$(now_ms)
    for service in "${services[@]}"; do
        # shellcheck disable=SC2046
        start "$variant" "$service" "${port[$service]}" "${mgmt[$service]}" $(backends)
        pid[$service]=$started
    done
    for service in "${services[@]}"; do await_ready "${mgmt[$service]}"; done
    local ready=$(($(now_ms) - t0)) windows=() ends=() end
    declare -A peak=([product-service]=0 [customer-service]=0 [order-service]=0)
    while (($(now_ms) - t0 - ready < load_seconds * 1000)); do
        rate=$(wrk -c64 -t2 -d5s --timeout 5s "http://127.0.0.1:${port[order-service]}/" |
            awk '/^Requests\/sec/ {printf "%.0f", $2}')
        end=$(($(now_ms) - t0))
        windows+=("${rate:-0}")
        ends+=("$end")
        for service in "${services[@]}"; do
            rss=$(rss_mib "${pid[$service]}")
            if ((rss > peak[$service])); then peak[$service]=$rss; fi
        done
    done
    local n=${#windows[@]}
    local steady=$(((windows[n - 1] + windows[n - 2] + windows[n - 3]) / 3))
    local reached="-"
    for ((w = 0; w < n; w++)); do
        if ((windows[w] * 10 >= steady * 9)); then reached=$(awk "BEGIN {printf \"%.1f\", ${ends[w]} / 1000}"); break; fi
    done
    echo "$variant: all ready after ${ready} ms; order requests/s per 5 s window (window end, s after launch):"
    for ((w = 0; w < n; w++)); do
        printf '  %5.1fs %6d\n' "$(awk "BEGIN {print ${ends[w]} / 1000}")" "${windows[w]}"
    done
    echo "$variant: steady state ${steady}/s; 90% of it first reached ${reached} s after launch;" \
        "peak RSS under load: product ${peak[product-service]} MiB, customer ${peak[customer-service]} MiB," \
        "order ${peak[order-service]} MiB"
    stop_all
}

echo
echo "-- order under 64 connections from start (the three started together), ${load_seconds} s of load each"
load before
load after
load warm
