"""``newsgraph serve`` as a user runs it: a real process, the printed address, a clean stop on Ctrl-C."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.store import Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_prints_the_address_and_serves_the_store(tmp_path: Path, workers: int) -> None:
    db = tmp_path / "served.db"
    Store.open(db).close()
    port = _free_port()
    code = "import sys; from newsgraph.cli import main; sys.argv[0] = 'newsgraph'; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        second = process.stdout.readline()
        assert "serving" in first and "0 articles" in first
        assert f"open http://127.0.0.1:{port}/" in second
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=10) as response:
            assert json.load(response) == {"status": "ok", "articles": 0, "backend": "sqlite"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.headers["X-Frame-Options"] == "DENY"
            assert b"newsgraph" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0


def test_serve_refuses_a_database_it_cannot_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.db"
    monkeypatch.setattr(sys, "argv", ["newsgraph", "serve", "--db", str(missing)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 4
    assert capsys.readouterr().err.startswith("newsgraph: error: cannot create database")


def test_serve_workers_on_a_port_in_use_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "served.db"
    Store.open(db).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["newsgraph", "serve", "--db", str(db), "--port", str(port), "--workers", "2"]
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as stopped:
            main()
    assert stopped.value.code != 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"newsgraph: error: cannot listen on 127.0.0.1:{port}: Address already in use"]
