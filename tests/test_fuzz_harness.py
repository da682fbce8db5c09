"""The atheris harnesses, run for a bounded time in CI: any crash or broken invariant fails the test.

Two processes run side by side (the machine has two cores): ``fuzz_analyze.py`` and
``fuzz_readers.py readers`` (every reader, chosen by the first byte), each for ``RUNS`` seeded inputs
(at most ``SECONDS``) from the seed corpora, with the dictionaries. Longer runs: ``make fuzz``. A crash
input is printed with the log; once fixed, it goes into ``tests/fuzz_regressions/TARGET/``
(``test_fuzz_regressions.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FUZZ = PROJECT / "fuzz"
SECONDS = 60
# CI fuzzes a fixed, seeded sequence of inputs, so a run fails only on a change of ours, never on where a
# random walk happened to go that day; open-ended exploration is `make fuzz`.
SEED = 20261126
RUNS = {"analyze": 200, "readers": 10000}
# Start-up (instrumented imports, loading the model) is not fuzzing time; on a loaded machine it can take long.
STARTUP_ALLOWANCE = 120


def command(target: str, work: Path) -> list[str]:
    script = ["fuzz_analyze.py"] if target == "analyze" else ["fuzz_readers.py", target]
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    return [
        sys.executable,
        str(FUZZ / script[0]),
        *script[1:],
        f"-seed={SEED}",
        f"-runs={RUNS[target]}",
        f"-max_total_time={SECONDS}",
        "-timeout=30",
        "-rss_limit_mb=4096",
        "-max_len=4096",
        f"-dict={FUZZ / 'dict' / f'{target}.dict'}",
        f"-artifact_prefix={work}/",
        str(corpus),  # new inputs go here, not into the committed seeds
        str(FUZZ / "corpus" / target),
    ]


@pytest.mark.slow
def test_fuzz_harnesses_find_no_crash_in_bounded_time(tmp_path: Path) -> None:
    targets = ("analyze", "readers")
    logs = {target: (tmp_path / f"{target}.log").open("w") for target in targets}
    processes = {
        target: subprocess.Popen(
            command(target, tmp_path / target),
            cwd=PROJECT,
            stdout=logs[target],
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        for target in targets
    }
    for target, process in processes.items():
        try:
            process.wait(timeout=SECONDS + STARTUP_ALLOWANCE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        logs[target].close()
    for target, process in processes.items():
        log = (tmp_path / f"{target}.log").read_text(errors="replace")
        crashes = sorted(p.name for p in (tmp_path / target).glob("crash-*"))
        assert process.returncode == 0, f"{target} fuzzer failed ({process.returncode}), {crashes}:\n{log[-4000:]}"
        runs = re.search(r"^Done (\d+) runs", log, re.M)
        # It must have fuzzed, not just replayed the seeds: analyze runs the model (slow), readers are fast.
        assert runs is not None and int(runs.group(1)) >= (20 if target == "analyze" else 200), log[-2000:]
