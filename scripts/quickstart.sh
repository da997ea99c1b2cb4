#!/usr/bin/env bash
# Quick start: installs what is missing, builds aws-mcp, and runs the built-in
# demo: a local AWS emulator seeded with sample infrastructure, questioned
# through MCP, with the answers printed for a person.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
exec python3 scripts/demo.py build/aws-mcp
