#!/usr/bin/env bash
# Runs both libFuzzer targets (built by the Makefile into .build-fuzz/release/) one after the
# other, from the committed seeds in Tests/Fuzz/corpus/, and fails on the first crash, hang or
# broken invariant, which libFuzzer writes to .build-fuzz/crashes/.
#
#   run.sh explore SECONDS   coverage-guided search for SECONDS per target; what it finds
#                            that is new goes to .build-fuzz/corpus/ and is kept for next time
#   run.sh check RUNS        what make test runs: RUNS inputs per target from a fixed seed,
#                            with Swift's hashing fixed and no corpus but the committed one, so
#                            the same commit gives the same inputs on every machine and a CI
#                            run never fails on luck
set -euo pipefail
mode=${1:?usage: run.sh explore SECONDS | run.sh check RUNS}
amount=${2:?usage: run.sh explore SECONDS | run.sh check RUNS}
timeout=${FUZZ_TIMEOUT:-10}
mkdir -p .build-fuzz/crashes
for target in markdown yaml; do
    case $mode in
        explore)
            corpus=.build-fuzz/corpus/$target
            mkdir -p "$corpus"
            limit=(-max_total_time="$amount")
            echo "fuzz-$target: $amount s" ;;
        check)
            # New inputs go to a folder that is thrown away, so what an exploring run kept in
            # .build-fuzz/corpus/ cannot change what this run tries.
            corpus=$(mktemp -d)
            trap 'rm -rf "$corpus"' EXIT
            limit=(-runs="$amount" -seed=1)
            export SWIFT_DETERMINISTIC_HASHING=1
            echo "fuzz-$target: $amount inputs from seed 1" ;;
        *) echo "run.sh: unknown mode '$mode'" >&2; exit 2 ;;
    esac
    log=.build-fuzz/fuzz-$target.log
    if ! nice -n 10 ".build-fuzz/release/fuzz-$target" "$corpus" "Tests/Fuzz/corpus/$target" \
        "${limit[@]}" -timeout="$timeout" -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix=".build-fuzz/crashes/$target-" 2> "$log"; then
        grep -E "invariants broken|Fatal error|ERROR: libFuzzer|Test unit written" -A4 "$log" | head -40 || true
        tail -12 "$log"
        exit 1
    fi
    grep -E "^#[0-9]+.*(DONE|cov:)" "$log" | tail -1
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log"
done
