#!/usr/bin/env bash
# Generate the corpora and run every benchmark, in the order of bench/README.md.
#
#   bench/run_all.sh                  # full run: 1,000-report corpus, CLI on 10,000 (≈ 10 min on 2 cores)
#   BENCH_QUICK=1 bench/run_all.sh    # quick run: 200 reports, CLI on 1,000, 3 cold-start runs
#
# Counts can also be set one by one: BENCH_COUNT (in-process benchmarks), BENCH_CLI_COUNT (CLI),
# BENCH_RUNS (cold-start runs per command). PYTHON overrides the interpreter (default .venv).
# BENCH_WAIT_QUIET=0 skips waiting for a quiet machine before each measurement.
# Corpora go to bench/out/ (git-ignored) and are reused while generator, templates and options
# are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

main() {  # a function: bash reads it whole, so editing this file during a run cannot derail it
    # One run at a time: two would share the CPUs and each other's corpora.
    mkdir -p bench/out
    exec 9>bench/out/.run_all.lock
    if ! flock -n 9; then
        echo "run_all.sh: another run is in progress (bench/out/.run_all.lock)" >&2
        return 1
    fi
    PYTHON=${PYTHON:-.venv/bin/python}
    # Before each measurement, wait (up to 2 min) until other processes leave the CPUs alone.
    export BENCH_WAIT_QUIET=${BENCH_WAIT_QUIET:-1}
    if [[ "${BENCH_QUICK:-0}" == "1" ]]; then
        COUNT=${BENCH_COUNT:-200}; CLI_COUNT=${BENCH_CLI_COUNT:-1000}; RUNS=${BENCH_RUNS:-3}
    else
        COUNT=${BENCH_COUNT:-1000}; CLI_COUNT=${BENCH_CLI_COUNT:-10000}; RUNS=${BENCH_RUNS:-10}
    fi

    echo "# giplint benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
    echo
    # The standard corpora (seed 1, 10% defects, 5% GBK, 10% CRLF; see bench/_common.py), made
    # afresh if generator or templates changed, then a check that the generator did what its
    # manifest says (giplint finds every injected defect).
    "$PYTHON" bench/_common.py "$COUNT" "$CLI_COUNT"
    "$PYTHON" bench/generate.py --out "bench/out/corpus-$COUNT" --verify-only
    export BENCH_REUSE_CORPUS=1   # from here on, never regenerate an existing corpus mid-run
    echo
    "$PYTHON" bench/parse_bench.py --count "$COUNT" --profile
    echo
    "$PYTHON" bench/lint_bench.py --count "$COUNT" --runs "$RUNS" --explain
    echo
    "$PYTHON" bench/cli_bench.py --count "$CLI_COUNT" --profile "$COUNT"
    echo
    "$PYTHON" bench/formats_bench.py --runs "$RUNS"
}

main "$@"
