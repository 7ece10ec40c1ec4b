#!/usr/bin/env bash
# Fills the bench database with N principals (default 1,000,000) from a seed (default 42):
#   bench/generate.sh [--n N] [--seed S] [--force]
# The database is BREEZEWAY_DB_URL if set, else the embedded MariaDB in BREEZEWAY_DATA_DIR
# (default target/bench-data). Same N and seed as last time: nothing to do. Never part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ensure_build
exec java -cp "$CP" dev.breezeway.bench.Generate "$@"
