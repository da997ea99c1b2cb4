#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-19 (ASan + UBSan) in build-fuzz and
# runs each for SECONDS (default 60) on a copy of its seed corpus. Inputs in
# fuzz/regressions/<target>/ (crashes found before) are replayed first. Fails
# on any crash, leak or sanitizer report. A target's fuzz/<target>.dict is
# given with -dict=; crash inputs go to build-fuzz/artifacts/<target>/.
#   scripts/fuzz.sh [SECONDS [TARGET...]]    (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
[ $# -gt 0 ] && shift
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(jsonrpc responses shared_config http_request mcp_server http_server jmespath)
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v clang++-19 >/dev/null || ! dpkg -s libclang-rt-19-dev >/dev/null 2>&1; then
  echo "Installing clang-19 for the fuzzers (clang-14 cannot compile libstdc++ 12's <expected>)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang-19 libclang-rt-19-dev >/dev/null
fi
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-19 \
      -DCMAKE_CXX_FLAGS="$SAN" -DAWSMCP_TESTS=OFF -DAWSMCP_FUZZ=ON >/dev/null
cmake --build build-fuzz
status=0
for target in "${TARGETS[@]}"; do
  bin="build-fuzz/fuzz/${target}_fuzz"
  flags=(-max_len=65536)
  # Its seed corpus holds a body nested 100,000 deep, which must not be cut.
  if [ "$target" = http_server ]; then flags=(-max_len=262144); fi
  if [ -f "fuzz/$target.dict" ]; then flags+=("-dict=fuzz/$target.dict"); fi
  mkdir -p "build-fuzz/artifacts/$target"
  if [ -d "fuzz/regressions/$target" ] && [ -n "$(ls -A "fuzz/regressions/$target")" ]; then
    "$bin" fuzz/regressions/$target/* >/dev/null 2>&1 || { echo "$target: a regression input fails again"; status=1; }
  fi
  work="$(mktemp -d)"
  cp fuzz/corpus/$target/* "$work"/
  if "$bin" "$work" -max_total_time="$SECONDS_PER_TARGET" "${flags[@]}" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="build-fuzz/artifacts/$target/" -print_final_stats=1 > "build-fuzz/$target.log" 2>&1; then
    echo "$target: $(grep -E '^#[0-9]+.*DONE' "build-fuzz/$target.log" | tail -1 | tr -s ' ')"
  else
    echo "$target: FAILED (see build-fuzz/$target.log)"; tail -40 "build-fuzz/$target.log"; status=1
  fi
  rm -rf "$work"
done
exit $status
