"""Benchmark: gunicorn in production mode, the Mali page cached and uncached, and a static file.

Run by `make bench` (BENCH_SECONDS per target, default 10). One run measures,
through the same server: the Mali page in English and French warm from the
cache, the same page uncached, and the site's stylesheet served by whitenoise,
taking turns in slices of about 2 s (so a shared host's drift in speed falls
on all four alike, not on whichever ran in its slow minute).
For each: requests per second, p50/p99 latency (wrk), server CPU per request
(utime+stime of the gunicorn processes from /proc before and after,
workers replaced after max_requests included), and the workers' peak memory
(VmHWM) and current RSS/PSS, read after each slice. Last, in one
process with the same settings, where an uncached page's CPU goes: the
queries, the context, the template, the whole request through Django.

Every request says `Accept-Encoding: gzip`, as browsers do: the stylesheet
comes from its precompressed file, a cached page from its stored gzipped
copy (an uncached page is not compressed). The uncached page is requested
with a query string: the page cache lets
every request with a query string other than analytics tags through to
the view (it never keys on user-controlled strings), and the country view
ignores it, so this is the
exact path of a cache miss (all middleware, four SQL queries, the template)
without changing any setting for the benchmark.

Database: DATABASE_URL if set (PostgreSQL), else a fresh SQLite file.
Cache: Redis (DB 6, a key prefix of its own) when it answers on
127.0.0.1:6379, as in production with several workers (each worker also
keeps the pages it served, kept current by Redis pub/sub: pages/cache.py);
else local memory and one worker. Traffic goes to 127.0.0.1 only, bounded in time.
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from tests.servers import base_env, free_port, redis_available  # noqa: E402 (after the path)

PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MALI_EN = "/en/countries/mali/"
MALI_FR = "/fr/pays/mali/"
TARGETS = {"cached page": 0.80, "uncached CPU ms": 4.0, "worker MiB": 60.0}
# What every browser sends: whitenoise answers with the stylesheet's .gz
# file, the page cache with the page gzipped once when it was stored.
ACCEPT_ENCODING = "gzip"


def log(message: str) -> None:
    print(message, flush=True)


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    log("Installing wrk (Debian package)")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
        subprocess.run(command, capture_output=True, timeout=300, check=False)
    return shutil.which("wrk")


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def slice_lengths(seconds: int) -> list[int]:
    """`seconds` cut into whole slices of about 2 s each: 10 -> 2, 2, 2, 2, 2; 5 -> 3, 2."""
    count = max(1, seconds // 2)
    base, extra = divmod(seconds, count)
    return [base + (index < extra) for index in range(count)]


# Slices per target from which the ratios are a measurement (a 10 s run).
DECIDING_SLICES = 5


def brief_run_note(seconds: int) -> str:
    """What a run too short to decide the targets says under its verdicts; "" for a full run."""
    slices = len(slice_lengths(seconds))
    if slices >= DECIDING_SLICES:
        return ""
    return (
        f"Brief run ({seconds} s per target, {slices} slice{'s' if slices > 1 else ''}): "
        "a moment of the host's noise can swing a ratio either way. It shows the "
        "benchmark works; `make bench` (10 s per target) is the measurement."
    )


def combine(parts: list[dict]) -> dict:
    """
    One target's slices as one measurement.

    Throughput and CPU per request over all the slices' requests and time;
    p50 is the median of the slices' medians, p99 the worst slice's.
    """
    requests = sum(part["requests"] for part in parts)
    return {
        "requests": requests,
        "rps": requests / sum(part["seconds"] for part in parts),
        "p50": statistics.median(part["p50"] for part in parts),
        "p99": max(part["p99"] for part in parts),
        "cpu_ms": sum(part["cpu"] for part in parts) * 1000 / max(requests, 1),
        "bad": sum(part["bad"] for part in parts),
    }


def process_tree(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def cpu_seconds(master: int) -> float:
    """
    CPU used so far by gunicorn: the master, its workers, and the workers it replaced.

    A worker that reached max_requests is replaced by a new pid; once the
    master has reaped it, its CPU is in the master's cutime/cstime.
    """
    fields = Path(f"/proc/{master}/stat").read_text().rsplit(")", 1)[1].split()
    total = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for pid in process_tree(master)[1:]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # reaped meanwhile: counted by the master from now on
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def workers_memory(master: int, seen: dict[int, dict[str, float]]) -> None:
    """Record the current workers' memory in `seen`, by pid (replaced ones stay)."""
    for pid in process_tree(master)[1:]:
        with contextlib.suppress(FileNotFoundError):
            seen[pid] = memory_mib(pid)


def memory_mib(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    values = {k: int(v) / 1024 for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M)}
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        match = re.search(r"^Pss:\s+(\d+) kB", rollup.read_text(), re.M)
        if match:
            values["Pss"] = int(match.group(1)) / 1024
    return values


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "GET", path, headers={"X-Forwarded-Proto": "https", "Accept-Encoding": ACCEPT_ENCODING}
    )
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, body


def run_wrk(wrk: str, port: int, path: str, seconds: int, connections: int) -> dict:
    result = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            "-H",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    out = result.stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    count, duration, unit = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", out).groups()
    seconds = float(duration) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(count),
        "seconds": seconds,
        "p50": latency("50"),
        "p99": latency("99"),
        "bad": int(errors.group(1)) if errors else 0,
    }


def run_python_load(port: int, path: str, seconds: int, connections: int) -> dict:
    """A small fallback load generator when wrk cannot be installed."""
    latencies: list[float] = []
    bad = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal bad
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _body = get(port, path)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                bad += status >= 400

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "p50": cuts[49],
        "p99": cuts[98],
        "bad": bad,
    }


def breakdown_child(rounds: int) -> None:
    """
    In this process, with the benchmark's settings: where an uncached Mali page's CPU goes.

    The same steps as the view, timed apart: the page's query, the context
    (the other queries: sections, items, figures, as light rows), the
    template, and the whole request through Django's handler (every
    middleware, page cache bypassed by the query string), without gunicorn.
    """
    import io

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from pages.views.public import country_page_context, find_published_page

    handler = WSGIHandler()
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": MALI_EN,
        "QUERY_STRING": "bench=uncached",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    request = RequestFactory(HTTP_HOST="127.0.0.1").get(MALI_EN, secure=True)
    request.csp_nonce = "bench"

    def fetch():
        return find_published_page("en", "mali")[0]

    def serve():
        body = handler({**environ, "wsgi.input": io.BytesIO()}, lambda *args: None)
        b"".join(body)

    def cpu_ms(step) -> float:
        for _ in range(5):
            step()
        best = float("inf")
        for _ in range(5):  # the least disturbed of five rounds
            started = time.process_time()
            for _ in range(rounds):
                step()
            best = min(best, (time.process_time() - started) * 1000 / rounds)
        return best

    translation.activate("en")
    page = fetch()
    context = country_page_context(page, "en")
    with CaptureQueriesContext(connection) as queries:
        country_page_context(fetch(), "en")
    figures = {
        "queries": len(queries),
        "fetch_ms": cpu_ms(fetch),
        "context_ms": cpu_ms(lambda: country_page_context(page, "en")),
        "template_ms": cpu_ms(
            lambda: render_to_string("pages/countrypage_detail.html", context, request)
        ),
        "request_ms": cpu_ms(serve),
    }
    print(json.dumps(figures))


def forget_redis_keys(url: str, prefix: str) -> None:
    """Delete the run's keys (its own prefix) from Redis: the pages, the generation."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    with contextlib.suppress(redis.RedisError):
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)


def breakdown(env: dict) -> dict | None:
    result = subprocess.run(
        [PYTHON, __file__, "--breakdown-child"],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "engagement.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        log(f"breakdown failed:\n{result.stderr[-2000:]}")
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    if "--breakdown-child" in sys.argv:
        breakdown_child(rounds=20)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=0, help="default: 2 per core with Redis")
    args = parser.parse_args()

    wrk = ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="engagement-bench-"))
    use_redis = redis_available()
    workers = args.workers or ((os.cpu_count() or 1) * 2 if use_redis else 1)
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    env = base_env()
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DATABASE_URL": database,
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    if use_redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/6"
        env["DJANGO_CACHE_PREFIX"] = f"bench-{secrets.token_hex(4)}"

    log(f"Preparing in {work}: collectstatic, migrate, demo content")
    manage("collectstatic", "--noinput", env=env)
    manage("migrate", "--noinput", env=env)
    manage("load_demo_content", env=env)

    port = free_port()
    server_log = (work / "gunicorn.log").open("wb")
    master = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            "engagement/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "engagement.wsgi",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if master.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {work / 'gunicorn.log'}")
            time.sleep(0.2)
        while len(process_tree(master.pid)) < workers + 1:
            time.sleep(0.1)

        status, page = get(port, MALI_EN)
        if status != 200:
            raise SystemExit(f"{MALI_EN} answered {status}")
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1).decode()
        # Warm every worker's connections and the cache.
        for _ in range(workers * 5):
            for path in (MALI_EN, MALI_FR, stylesheet, MALI_EN + "?bench=uncached"):
                get(port, path)

        targets = [
            ("static file", stylesheet),
            ("page EN cached", MALI_EN),
            ("page FR cached", MALI_FR),
            ("page EN uncached", MALI_EN + "?bench=uncached"),
        ]
        generator = "wrk" if wrk else "python fallback"
        rounds = len(slice_lengths(args.seconds))
        cache = "Redis, pages kept in each worker too" if use_redis else "local memory"
        log(
            f"gunicorn: {workers} sync workers, cache: {cache}, "
            f"database: {database.split(':')[0]}, load: {generator} "
            f"{args.connections} connections, {args.seconds}s per target"
            + (f" in {rounds} slices, targets in turn" if rounds > 1 else "")
        )
        memory: dict[int, dict[str, float]] = {}
        slices: dict[str, list[dict]] = {name: [] for name, _path in targets}
        # Round-robin in slices of about 2 s: on a shared host the machine's
        # speed drifts over a run, and measuring each target in one block
        # would fold that drift into the ratios between them.
        for seconds in slice_lengths(args.seconds):
            for name, path in targets:
                before = cpu_seconds(master.pid)
                if wrk:
                    result = run_wrk(wrk, port, path, seconds, args.connections)
                else:
                    result = run_python_load(port, path, seconds, args.connections)
                result["cpu"] = cpu_seconds(master.pid) - before
                slices[name].append(result)
                workers_memory(master.pid, memory)
        results = {name: combine(parts) for name, parts in slices.items()}
        master_memory = memory_mib(master.pid)
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
        server_log.close()
        if use_redis:
            forget_redis_keys(env["REDIS_URL"], env["DJANGO_CACHE_PREFIX"])

    log("")
    log(f"{'target':<18}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'errors':>8}")
    for name, r in results.items():
        log(
            f"{name:<18}{r['rps']:>10.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}"
            f"{r['cpu_ms']:>12.3f}{r['bad']:>8}"
        )
    log("")
    # A worker starts as a copy of the master (preloaded app): its RSS, shared pages included.
    parts = ", ".join(f"{k} {v:.1f} MiB" for k, v in master_memory.items())
    log(f"master {master.pid}: {parts}")
    for pid, values in memory.items():
        parts = ", ".join(f"{k} {v:.1f} MiB" for k, v in values.items())
        log(f"worker {pid}: {parts}")
    if len(memory) > workers:
        log(
            f"({len(memory) - workers} workers replaced after max_requests during the run: "
            "their CPU is counted, their memory as last seen)"
        )

    parts = breakdown(env)
    if parts:
        log("")
        log(
            "uncached page EN in one process, without gunicorn (CPU ms, best of 5 rounds): "
            f"the page's query {parts['fetch_ms']:.2f}, context with the other "
            f"{parts['queries'] - 1} queries {parts['context_ms']:.2f}, "
            f"template {parts['template_ms']:.2f}; "
            f"whole request through Django {parts['request_ms']:.2f}"
        )

    static = results["static file"]["rps"]
    ratios = {name: results[name]["rps"] / static for name in results if name != "static file"}
    log("")
    for name, ratio in ratios.items():
        log(f"ratio {name} / static: {ratio:.2f}")
    peak = max(values["VmHWM"] for values in memory.values())
    cached = min(ratios["page EN cached"], ratios["page FR cached"])
    uncached_cpu = results["page EN uncached"]["cpu_ms"]
    log("")
    checks = [
        (f"cached page >= 80% of static ({cached:.0%})", cached >= TARGETS["cached page"]),
        (
            f"uncached page <= 4 ms CPU per request ({uncached_cpu:.2f} ms)",
            uncached_cpu <= TARGETS["uncached CPU ms"],
        ),
        (f"peak worker memory <= 60 MiB ({peak:.1f} MiB)", peak <= TARGETS["worker MiB"]),
    ]
    for label, ok in checks:
        log(f"{'PASS' if ok else 'MISS'}  {label}")
    if note := brief_run_note(args.seconds):
        log(note)
    errors = sum(r["bad"] for r in results.values())
    if errors:
        log(f"{errors} responses were not 2xx/3xx: see {work / 'gunicorn.log'}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    # A benchmark, not a test: missed targets are reported, not a failure.
    return 0


if __name__ == "__main__":
    sys.exit(main())
