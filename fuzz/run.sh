#!/usr/bin/env bash
# Fuzz each target in turn for FUZZ_SECONDS (default 300): `fuzz/run.sh [TARGET...]` (default: all).
# New corpus inputs, crash inputs and logs go under build/fuzz/TARGET/ (git-ignored); the seeds in
# fuzz/corpus/TARGET/ are read, never written. Exits non-zero when any target crashed: keep the crash
# input in tests/fuzz_regressions/TARGET/ once fixed (tests/test_fuzz_regressions.py replays them).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-300}
python=${PYTHON:-.venv/bin/python}
if [ $# -eq 0 ]; then
    set -- analyze readers detect text html json jsonl csv warc feed reuters-sgml
fi
status=0
for target in "$@"; do
    out=build/fuzz/$target
    mkdir -p "$out/corpus"
    if [ "$target" = analyze ]; then
        command=("$python" fuzz/fuzz_analyze.py -max_len=4096)
    else
        command=("$python" fuzz/fuzz_readers.py "$target" -max_len=16384)
    fi
    echo "== $target: ${seconds}s"
    if "${command[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -dict="fuzz/dict/$target.dict" -artifact_prefix="$out/" "$out/corpus" "fuzz/corpus/$target" >"$out/log.txt" 2>&1; then
        grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|Done )" "$out/log.txt"
    else
        status=1
        echo "!! $target crashed: see $out/log.txt and $out/crash-*"
        grep -A3 "Uncaught Python exception" "$out/log.txt" | head -5
    fi
done
exit $status
