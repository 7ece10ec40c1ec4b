#!/usr/bin/env bash
# principal-list over N principals (default 100,000) on the embedded MariaDB in target/bench-data.
# Builds the jar first; never part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/breezeway.jar ] || mvn -q -DskipTests package
java -cp "target/classes:target/lib/*" bench/PrincipalListBench.java "${1:-100000}"
