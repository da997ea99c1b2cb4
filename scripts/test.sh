#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against the moto emulator
# (compared with boto3), and the server driven by the official MCP TypeScript SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
cd build
ctest --output-on-failure -j2 "$@"
cd ..
# The libFuzzer targets, 10 s each (scripts/fuzz.sh 600 for a longer run).
scripts/fuzz.sh 10
