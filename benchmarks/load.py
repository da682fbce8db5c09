"""Bounded load against ``newsgraph serve`` on 127.0.0.1: search, article, claims and analyze mixed.

    .venv/bin/python benchmarks/load.py --db sqlite:////tmp/reuters.db
    .venv/bin/python benchmarks/load.py --db postgresql://postgres@127.0.0.1:PORT/reuters
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000      # a server already running
    .venv/bin/python benchmarks/load.py --db DB --per-endpoint 20        # each read kind alone, p50 / max

Starts ``newsgraph serve --db DB`` on a free loopback port (or targets ``--url``, which must be a
loopback address), draws request arguments from the store through the API itself (article ids,
title words, cited sources, article texts), warms up (the model loads on the first analyze), then
runs each concurrency level (default 1, 2, 4, 8, 16 clients) for ``--seconds`` seconds. Each client
sends one request after another, picked at random with the weights of ``MIX`` (or ``--mix``). The whole run stops
by itself within ``--budget`` seconds (default 60): levels that would not fit are skipped, every
request has a timeout, and the server it started is stopped at the end.

It prints a Markdown table: per level the requests per second, p50/p99 latency of the reads
(search, article, claims) and of analyze separately, and the errors (non-2xx answers, timeouts,
refused connections); then the reads' p99 per endpoint, and the highest level at which the reads'
p99 stays under 200 ms with no error. Clients and server share the machine's cores: figures are
for the two together, as a user on the same machine would see them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

MIX = {"search": 30, "article": 30, "claims": 30, "analyze": 10}
"""Share of each kind of request, in percent."""
READS = ("search", "article", "claims")
GOAL_P99_MS = 200.0
COMMON_WORDS = ("oil", "prices", "bank", "trade", "shares", "wheat", "dollar", "profit", "tax", "company said")
_WORD = re.compile(r"[A-Za-z]{4,}")


@dataclass
class Level:
    """What one concurrency level measured."""

    clients: int
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in MIX})
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + self.errors

    def reads(self) -> list[float]:
        return [x for k in READS for x in self.latencies[k]]


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile (nearest rank) of ``values``, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 1000:.0f}"


@dataclass
class Arguments:
    """Request arguments drawn from the store."""

    ids: list[str]
    words: list[str]
    sources: list[str]
    texts: list[str]


class Requests:
    """Picks the next request of the mix; ``rng`` makes runs repeatable."""

    def __init__(self, args: Arguments, rng: random.Random, mix: dict[str, int]) -> None:
        self.args = args
        self.rng = rng
        self.kinds = [k for k, w in mix.items() if w > 0]
        self.weights = [mix[k] for k in self.kinds]

    def next(self) -> tuple[str, str, str, dict[str, object] | None]:
        """``(kind, method, path, json body)``."""
        rng, a = self.rng, self.args
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "search":
            words = rng.sample(a.words, 2) if rng.random() < 0.3 else [rng.choice(a.words)]
            return kind, "GET", "/api/v1/search?q=" + quote(" ".join(words)), None
        if kind == "article":
            return kind, "GET", "/api/v1/articles/" + rng.choice(a.ids), None
        if kind == "claims":
            offset = rng.randrange(5) * 20
            choice = rng.randrange(4)
            if choice == 0 and a.sources:
                query = "source=" + quote(rng.choice(a.sources))
            elif choice == 1:
                query = "status=" + rng.choice(("denied", "hedged", "confirmed"))
            elif choice == 2:
                query = "source_kind=anonymous"
            else:
                query = "limit=20"
            return kind, "GET", f"/api/v1/claims?{query}&offset={offset}", None
        return kind, "POST", "/api/v1/analyze", {"text": rng.choice(a.texts)}


async def draw_arguments(client: httpx.AsyncClient, rng: random.Random) -> Arguments:
    """Article ids, title words, sources and texts, read through the API (works against any server)."""
    total = (await client.get("/api/v1/articles", params={"limit": 1})).json()["page"]["total"]
    if total == 0:
        raise SystemExit("load: the store is empty")
    ids: list[str] = []
    words: set[str] = set()
    for offset in sorted({rng.randrange(max(1, min(total, 100_000))) for _ in range(4)}):
        page = (await client.get("/api/v1/articles", params={"limit": 100, "offset": offset})).json()
        for item in page["items"]:
            ids.append(item["id"])
            words.update(w.lower() for w in _WORD.findall(item.get("title") or ""))
    sources = [s["source"] for s in (await client.get("/api/v1/sources", params={"limit": 50})).json()]
    texts: list[str] = []
    for article_id in rng.sample(ids, min(20, len(ids))):
        text = (await client.get(f"/api/v1/articles/{article_id}")).json()["article"]["text"]
        # About a newswire paragraph or three: analyze is per request, not bulk.
        cut = text[:1500]
        texts.append(cut[: cut.rfind(". ") + 1] or cut)
    chosen = sorted(words)
    return Arguments(ids, [*rng.sample(chosen, min(60, len(chosen))), *COMMON_WORDS], sources, texts)


async def run_level(client: httpx.AsyncClient, requests: Requests, clients: int, seconds: float) -> Level:
    """``clients`` concurrent loops of requests for ``seconds``; requests under way at the end are awaited."""
    level = Level(clients)
    stop = time.perf_counter() + seconds

    async def one_client() -> None:
        while time.perf_counter() < stop:
            kind, method, path, body = requests.next()
            started = time.perf_counter()
            try:
                response = await client.request(method, path, json=body)
                ok = response.status_code < 400
                reason = str(response.status_code)
            except httpx.HTTPError as exc:
                ok, reason = False, type(exc).__name__
            if ok:
                level.latencies[kind].append(time.perf_counter() - started)
            else:
                level.errors += 1
                key = f"{kind} {reason}"
                level.error_kinds[key] = level.error_kinds.get(key, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    level.seconds = time.perf_counter() - began
    return level


ENDPOINTS = {
    "search, one word": lambda a, rng: "/api/v1/search?q=" + quote(rng.choice(a.words)),
    "search, two words": lambda a, rng: "/api/v1/search?q=" + quote(" ".join(rng.sample(a.words, 2))),
    "article": lambda a, rng: "/api/v1/articles/" + rng.choice(a.ids),
    "claims, newest": lambda a, rng: f"/api/v1/claims?limit=20&offset={rng.randrange(5) * 20}",
    "claims, ?source= (50 most cited)": lambda a, rng: (
        f"/api/v1/claims?source={quote(rng.choice(a.sources))}&offset={rng.randrange(5) * 20}"
    ),
    "claims, ?source=(unnamed)": lambda a, rng: f"/api/v1/claims?source=(unnamed)&offset={rng.randrange(5) * 20}",
    "claims, ?status=": lambda a, rng: (
        f"/api/v1/claims?status={rng.choice(('denied', 'hedged', 'confirmed'))}&offset={rng.randrange(5) * 20}"
    ),
    "claims, ?source_kind=anonymous": lambda a, rng: (
        f"/api/v1/claims?source_kind=anonymous&offset={rng.randrange(5) * 20}"
    ),
    "sources (50 most cited)": lambda a, rng: "/api/v1/sources?limit=50",
}
"""``--per-endpoint``: each read load.py sends (and /sources), one kind at a time."""


async def per_endpoint(client: httpx.AsyncClient, arguments: Arguments, rng: random.Random, count: int) -> str:
    """``count`` requests of each kind of ``ENDPOINTS`` one after another: a Markdown table of p50 / max."""
    lines = ["| request | n | p50 (ms) | max (ms) |", "|---|---:|---:|---:|"]
    for name, path_of in ENDPOINTS.items():
        times: list[float] = []
        for _ in range(count):
            started = time.perf_counter()
            (await client.get(path_of(arguments, rng))).raise_for_status()
            times.append(time.perf_counter() - started)
        lines.append(f"| {name} | {count} | {_ms(percentile(times, 0.5))} | {_ms(max(times))} |")
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def client_cores() -> tuple[set[int], set[int]] | None:
    """(the load client's core, the server's cores) when the machine has cores to spare for both, else None."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 3:
        return None
    return {cores[-1]}, set(cores[:-1])


@contextmanager
def serve(db: str, timeout: float, workers: int, server_cores: set[int] | None) -> Iterator[str]:
    """``newsgraph serve --db DB --workers N`` on a free loopback port until the block ends; yields its URL."""
    port = free_port()
    command = shutil.which("newsgraph", path=str(Path(sys.executable).parent)) or "newsgraph"
    process = subprocess.Popen(
        [command, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, server_cores)) if server_cores else None,
    )
    try:
        deadline = time.monotonic() + timeout
        assert process.stdout is not None
        # It prints "serving …" and then "open http://…" once the socket listens.
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                err = process.stderr.read() if process.stderr else ""
                raise SystemExit(f"load: newsgraph serve stopped: {err.strip()[-500:]}")
            print(f"server: {line.strip()}", file=sys.stderr)
            if "open http" in line:
                break
        else:
            raise SystemExit("load: newsgraph serve did not start in time")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"load: only a server on this machine's loopback may be loaded, not {host}")


async def measure(
    url: str,
    levels: list[int],
    seconds: float,
    deadline: float,
    seed: int,
    timeout: float,
    mix: dict[str, int],
    endpoints: int = 0,
) -> tuple[list[Level], int, float]:
    """Warm up, then each level while the budget lasts; returns the levels, the store size and warm-up time."""
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=max(levels) + 2, max_keepalive_connections=max(levels) + 2)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        started = time.perf_counter()
        # The first analyze loads the model (seconds): not part of any level, and under way while
        # the arguments are drawn.
        warm = asyncio.create_task(
            client.post("/api/v1/analyze", json={"text": "The minister said on Monday that talks failed."}, timeout=60)
            if mix["analyze"]
            else client.get("/api/v1/health")
        )
        total = (await client.get("/api/v1/health")).json()["articles"]
        arguments = await draw_arguments(client, rng)
        requests = Requests(arguments, rng, mix)
        (await warm).raise_for_status()
        for _ in range(10):
            _, method, path, body = requests.next()
            await client.request(method, path, json=body)
        warmup = time.perf_counter() - started
        done: list[Level] = []
        if endpoints:
            print(await per_endpoint(client, arguments, rng, endpoints))
            return done, total, warmup
        for clients in levels:
            # A level runs ``seconds`` plus the requests under way at its end (at most ``timeout``).
            if time.monotonic() + seconds + min(timeout, 3.0) > deadline:
                print(f"load: skipping {clients} clients: the time budget is spent", file=sys.stderr)
                break
            level = await run_level(client, requests, clients, seconds)
            done.append(level)
            print(
                f"load: {clients:>3} clients: {level.requests / level.seconds:7.1f} req/s, "
                f"read p99 {_ms(percentile(level.reads(), 0.99))} ms, errors {level.errors}",
                file=sys.stderr,
            )
    return done, total, warmup


def report(
    levels: list[Level], *, where: str, total: int, seconds: float, warmup: float, load: float, mix: dict[str, int]
) -> str:
    """The Markdown tables and the goal line."""
    shares = " / ".join(f"{k} {100 * v / sum(mix.values()):.0f}%" for k, v in mix.items())
    lines = [
        f"Store: {where}, {total:,} articles. Mix: {shares}. {seconds:g} s per level, one client process "
        f"(httpx, asyncio) on the same machine; warm-up (model load) {warmup:.1f} s; load average at start {load:.2f}.",
        "",
        "| clients | requests | req/s | read p50 (ms) | read p99 (ms) | analyze p50 (ms) | analyze p99 (ms) | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lv in levels:
        lines.append(
            f"| {lv.clients} | {lv.requests} | {lv.requests / lv.seconds:.1f} | {_ms(percentile(lv.reads(), 0.5))} "
            f"| {_ms(percentile(lv.reads(), 0.99))} | {_ms(percentile(lv.latencies['analyze'], 0.5))} "
            f"| {_ms(percentile(lv.latencies['analyze'], 0.99))} | {lv.errors} |"
        )
    lines += ["", "| clients | " + " | ".join(f"{k} p50 / p99 (ms)" for k in READS) + " |"]
    lines.append("|---:|" + "---:|" * len(READS))
    for lv in levels:
        cells = [f"{_ms(percentile(lv.latencies[k], 0.5))} / {_ms(percentile(lv.latencies[k], 0.99))}" for k in READS]
        lines.append(f"| {lv.clients} | " + " | ".join(cells) + " |")
    errors = {k: v for lv in levels for k, v in lv.error_kinds.items()}
    if errors:
        lines += ["", "Errors: " + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items()))]
    good = [
        lv
        for lv in levels
        if lv.errors == 0 and (p := percentile(lv.reads(), 0.99)) is not None and p * 1000 < GOAL_P99_MS
    ]
    best = max(good, key=lambda lv: lv.clients, default=None)
    lines.append("")
    if best is None:
        lines.append(f"Goal (reads p99 < {GOAL_P99_MS:.0f} ms, no errors): not met at any level.")
    else:
        lines.append(
            f"Goal (reads p99 < {GOAL_P99_MS:.0f} ms, no errors): met up to **{best.clients} concurrent clients** "
            f"({best.requests / best.seconds:.1f} req/s, reads p99 {_ms(percentile(best.reads(), 0.99))} ms)."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run the load and print the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--db", help="store to serve (SQLite path or URL, postgresql:// URL)")
    target.add_argument("--url", help="a newsgraph server already running on 127.0.0.1")
    parser.add_argument("--levels", default="1,2,4,8,16", help="concurrent clients per level (comma-separated)")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each level")
    parser.add_argument("--budget", type=float, default=60.0, help="the whole run stops within this many seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout in seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--per-endpoint",
        type=int,
        default=0,
        metavar="N",
        help="instead of the load levels, time N requests of each kind one at a time (p50 / max)",
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes (newsgraph serve --workers)")
    parser.add_argument(
        "--mix", default=",".join(f"{k}={v}" for k, v in MIX.items()), help="weights, e.g. search=1,analyze=0"
    )
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    mix = dict.fromkeys(MIX, 0)
    for part in args.mix.split(","):
        kind, _, weight = part.partition("=")
        if kind.strip() not in MIX:
            parser.error(f"--mix: unknown kind {kind!r} (one of {', '.join(MIX)})")
        mix[kind.strip()] = int(weight)
    if sum(mix.values()) <= 0:
        parser.error("--mix: no request has a weight")
    deadline = time.monotonic() + args.budget - 2  # room to stop the server
    load = os.getloadavg()[0]

    def run(url: str) -> tuple[list[Level], int, float]:
        remaining = deadline - time.monotonic()
        return asyncio.run(
            asyncio.wait_for(
                measure(url, levels, args.seconds, deadline, args.seed, args.timeout, mix, args.per_endpoint), remaining
            )
        )

    if args.url:
        _check_loopback(args.url)
        done, total, warmup = run(args.url)
        where = args.url
    else:
        # The client on a core of its own where there are three or more; on two, client and server share them.
        pinned = client_cores()
        if pinned is not None:
            os.sched_setaffinity(0, pinned[0])
        with serve(args.db, min(30.0, args.budget / 2), args.workers, pinned[1] if pinned else None) as url:
            done, total, warmup = run(url)
        cores = f"client on core {min(pinned[0])}, server on {len(pinned[1])}" if pinned else "cores shared"
        where = f"`newsgraph serve --db {args.db} --workers {args.workers}` ({cores})"
    if args.per_endpoint:
        print(f"\n{where}, {total:,} articles, load average at start {load:.2f}.")
        return
    print(report(done, where=where, total=total, seconds=args.seconds, warmup=warmup, load=load, mix=mix))


if __name__ == "__main__":
    main()
