#!/usr/bin/env bash
# Benchmark (d): order's throughput through the local mesh (order -> data plane -> product and
# customer). Brings the local mesh up in its own state folder on the default ports, sends open-loop
# load at rising rates, and stops everything at the end. The highest rate with no failed request
# and a p99 that stays bounded is order's maximum on this machine.
#
#   bench/mesh-throughput.sh [RATES...]      default: 100 200 400 800
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates=("${@:-100 200 400 800}")
# shellcheck disable=SC2206 # split the default list
rates=(${rates[*]})

export MESHCTL_HOME="$root/.meshctl/bench"
trap '"$root/meshctl" local down >/dev/null' EXIT
"$root/meshctl" local up >/dev/null

# ramp up first: the workloads' code is compiled by the time the measured rates run
for rate in 100 200; do
    "$root/meshctl" load http://127.0.0.1:8080/ --rps "$rate" --duration 10s >/dev/null || true
done
for rate in "${rates[@]}"; do
    echo "== $rate requests/s for 10s"
    "$root/meshctl" load http://127.0.0.1:8080/ --rps "$rate" --duration 10s --warm-up 3s || true
done
