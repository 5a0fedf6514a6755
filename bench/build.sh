#!/usr/bin/env bash
# Builds bench/target/bench.jar (the benchmark mains, kept out of the shipped meshctl.jar) and meshctl.jar when either
# is missing or older than its sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/meshctl" --version >/dev/null # builds meshctl.jar and the service jars when missing or stale
jar="$root/bench/target/bench.jar"
if [[ ! -f "$jar" || -n "$(find "$root/bench/src" "$root/bench/pom.xml" "$root/mesh/target/meshctl.jar" -newermc "$jar" -print -quit)" ]]; then
    echo "building bench/target/bench.jar ..." >&2
    (cd "$root" && ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true -pl mesh,bench) >&2
fi
