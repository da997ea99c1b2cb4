#!/usr/bin/env bash
# Installs what aws-mcp needs to build and test, only where it is missing:
# Debian packages with apt-get, the emulator (moto) with pip or apt, and the
# MCP client test's npm packages from its lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

BUILD_PKGS=(g++ cmake ninja-build pkg-config nlohmann-json3-dev libcurl4-openssl-dev libssl-dev
            libpugixml-dev libcli11-dev libgtest-dev libgmock-dev libboost-dev libzstd-dev
            zlib1g-dev)
missing=()
for p in "${BUILD_PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ! command -v python3 >/dev/null; then missing+=(python3 python3-pip); fi
if [ "${1:-}" = "--test" ] && ! command -v node >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The AWS emulator and the boto3 oracle.
if ! python3 -c "import moto.server, boto3, flask" >/dev/null 2>&1; then
  echo "Installing moto (server mode) and boto3"
  python3 -m pip install --quiet "moto[server]" boto3 2>/dev/null ||
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-moto python3-boto3 python3-flask python3-flask-cors >/dev/null; }
fi

if [ "${1:-}" = "--test" ]; then
  # The integration tests check tool answers against their outputSchema.
  if ! python3 -c "import jsonschema" >/dev/null 2>&1; then
    echo "Installing python3-jsonschema"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-jsonschema >/dev/null
  fi
  # The query tests compare with python jmespath, the library the AWS CLI's --query
  # uses (boto3 needs it too, so it is usually there already).
  if ! python3 -c "import jmespath" >/dev/null 2>&1; then
    echo "Installing python3-jmespath"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-jmespath >/dev/null
  fi
  # The MCP client tests (the official TypeScript SDK) and the conformance suite (with its Node 22).
  for dir in tests/mcp_client tests/conformance; do
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "Installing the npm packages of $dir (npm ci)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
fi
