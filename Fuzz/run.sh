#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each one for SECONDS_PER_TARGET seconds (default 30).
#
#   Fuzz/run.sh [SECONDS_PER_TARGET]
#
# Runs from any directory. Each target starts from a temporary copy of Fuzz/Corpus/<Target>/ (the
# committed corpus is never written). Crash inputs go to fuzz-artifacts/ (gitignored).
# Prints one line per target, then "N passed, N failed"; exits 1 if any target crashed.
# Environment: FUZZ_TARGETS="FuzzKeyLoading FuzzReportParser" runs a subset; FUZZ_JOBS is unused
# (one process at a time keeps the figures comparable on a 2-core machine).
set -u -o pipefail

seconds="${1:-30}"
case "$seconds" in ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
targets="${FUZZ_TARGETS:-FuzzSignatureHeader FuzzKeyLoading FuzzModelDecoding FuzzInboundHandler FuzzReportParser}"
scratch=".build-fuzz"
artifacts="$root/fuzz-artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/alipayplus-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# -sanitize=fuzzer adds coverage instrumentation and links libFuzzer; -parse-as-library stops the
# executables from defining a top-level main. SwiftPM links debug executables with
# --defsym main=<Target>_main, which each target defines to call LLVMFuzzerRunDriver.
export SWIFT_BACKTRACE=enable=no
start=$(date +%s)
if ! swift build -c debug --package-path Fuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$work/build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$work/build.log" | tail -40
    echo "fuzz build: FAILED"
    exit 1
fi
build_seconds=$(( $(date +%s) - start ))
bindir="$(swift build -c debug --package-path Fuzz --scratch-path "$scratch" --show-bin-path)"
echo "fuzz build: ${build_seconds}s"

passed=0
failed=0
for target in $targets; do
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    if [ -d "Fuzz/Corpus/$target" ]; then cp -R "Fuzz/Corpus/$target/." "$corpus/"; fi
    log="$work/$target.log"
    extra=()
    # The handler runs on Swift concurrency's pool; task contexts are freed just after the answer
    # is handed back, which libFuzzer's per-input malloc/free balance check reports as leaks.
    if [ "$target" = FuzzInboundHandler ]; then extra+=(-detect_leaks=0); fi
    "$bindir/$target" "$corpus" \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/$target-" ${extra[@]+"${extra[@]}"} >"$log" 2>&1
    status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    if [ "$status" -eq 0 ]; then
        result=ok
        passed=$((passed + 1))
    else
        result=CRASH
        failed=$((failed + 1))
        cp "$log" "$artifacts/$target.log"
    fi
    echo "fuzz $target: runs=${runs:-0} exec/s=${rate:-0} result=$result"
    if [ "$result" = CRASH ]; then
        grep -E "PROPERTY VIOLATED|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error|SUMMARY|Test unit written" "$log" | head -8 | sed 's/^/    /'
        echo "    full log: $artifacts/$target.log"
    fi
done
total_seconds=$(( $(date +%s) - start ))
echo "fuzz total: ${total_seconds}s (build ${build_seconds}s)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
