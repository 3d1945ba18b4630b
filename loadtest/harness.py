"""make loadtest / make faults: the site under gunicorn on 127.0.0.1 with its own PostgreSQL cluster, Redis and
mail sink (started here in a temporary folder, stopped at the end), demo data of realistic size, and locust
driving searches, list and detail pages, applications and inquiries for a bounded time.

With --faults, during the run: PostgreSQL is stopped and started again (the outage window is measured by polling
/healthz), then Redis is shut down for a while, then the mail sink is stopped for good. Afterwards every
application and inquiry the client was told was saved is looked up in the database.

The last lines printed are the figures; the exit status is 1 when there was any error or anything was lost."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT, REDIS_PORT, SMTP_PORT, WEB_PORT = 5439, 6389, 8025, 8109
BASE_URL = f"http://127.0.0.1:{WEB_PORT}"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Services:
    """The harness's own PostgreSQL, Redis, mail sink and gunicorn, all on loopback, all stopped by stop()."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pgdata = folder / "pgdata"
        self.processes: dict[str, subprocess.Popen] = {}
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, args, **kwargs):
        return subprocess.run(args, check=True, timeout=kwargs.pop("timeout", 300), **kwargs)

    # PostgreSQL ------------------------------------------------------------------------------------------
    def pg_ctl(self, *args):
        self.run([*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), *args], stdout=subprocess.DEVNULL)

    def start_postgres(self):
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        options = f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {self.folder} -c max_connections=100"
        self.run(
            [*self.as_postgres, str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-U", "postgres", "-A", "trust"],
            stdout=subprocess.DEVNULL,
        )
        self.pg_ctl("-o", options, "-l", str(self.folder / "postgres.log"), "-w", "start")
        self.pg_options = options

    def restart_postgres(self, down_seconds: float):
        self.pg_ctl("-m", "fast", "-w", "stop")
        time.sleep(down_seconds)
        self.pg_ctl("-o", self.pg_options, "-l", str(self.folder / "postgres.log"), "-w", "start")

    # Redis -----------------------------------------------------------------------------------------------
    def start_redis(self):
        self.run(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--dir",
                str(self.folder),
                "--pidfile",
                str(self.folder / "redis.pid"),
                "--logfile",
                str(self.folder / "redis.log"),
            ]
        )
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True).returncode == 0:
                return
            time.sleep(0.1)

    def stop_redis(self):
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True, timeout=10)

    # Mail sink and web server -----------------------------------------------------------------------------
    def start_smtp(self):
        self.processes["smtp"] = subprocess.Popen(
            [PYTHON, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{SMTP_PORT}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop_process(self, name: str):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    def start_web(self, env, workers: int):
        self.processes["web"] = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{WEB_PORT}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "bpo_portal.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=(self.folder / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            if healthy():
                return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer on {BASE_URL}; see {self.folder / 'gunicorn.log'}")

    def stop(self):
        for name in list(self.processes):
            self.stop_process(name)
        self.stop_redis()
        if (self.pgdata / "postmaster.pid").exists():
            subprocess.run(
                [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=30,
            )


def healthy() -> bool:
    """/healthz answered 200 within 5 s (the site is loaded by the test meanwhile: a slow answer is not an outage,
    a hang is)."""
    try:
        with urllib.request.urlopen(f"{BASE_URL}/healthz", timeout=5) as response:  # noqa: S310 - our own loopback
            return response.status == 200
    except OSError:
        return False


class Faults(threading.Thread):
    """Injects the faults at fixed moments of the run and measures the database outage as /healthz sees it."""

    def __init__(self, services: Services, duration: int):
        super().__init__(daemon=True)
        self.services, self.duration = services, duration
        self.figures: dict = {}

    def run(self):
        start = time.monotonic()

        def at(fraction):
            time.sleep(max(0.0, start + fraction * self.duration - time.monotonic()))

        at(0.2)
        log("fault: PostgreSQL stops (fast shutdown), comes back 5 s later")
        first_down = last_down = None
        restarter = threading.Thread(target=self.services.restart_postgres, args=(5,))
        stop_asked = time.monotonic()
        self.figures["postgres"] = [time.time(), None]
        restarter.start()
        recovered = False
        while time.monotonic() - stop_asked < 120:
            if not healthy():
                first_down = first_down or time.monotonic()
                last_down = time.monotonic()
            elif not restarter.is_alive():
                recovered = True  # PostgreSQL is back and the site answered without being restarted
                break
            time.sleep(0.2)
        window = (last_down - first_down) if first_down else 0.0
        self.figures["outage_seconds"] = round(window, 1)
        self.figures["recovered"] = recovered
        self.figures["postgres"][1] = time.time()
        log(f"fault: PostgreSQL back; /healthz was failing for {window:.1f} s")

        at(0.5)
        log("fault: Redis shut down for 10 s")
        self.figures["redis"] = [time.time(), None]
        self.services.stop_redis()
        time.sleep(10)
        self.services.start_redis()
        self.figures["redis"][1] = time.time()
        log("fault: Redis back")

        at(0.75)
        log("fault: the mail server stops for the rest of the run")
        self.services.stop_process("smtp")
        self.figures["mail_down_from_second"] = round(time.monotonic() - start)
        self.figures["mail"] = [time.time(), float("inf")]


def aggregated(locust_output: str) -> dict:
    """The two "Aggregated" rows of locust's closing summary: counts, then response time percentiles."""
    totals, percentiles = [line.split() for line in locust_output.splitlines() if line.split()[:1] == ["Aggregated"]][
        -2:
    ]
    return {
        "requests": int(totals[1]),
        "errors": int(totals[2].split("(")[0]),
        "rps": float(totals[-2]),
        "p50": percentiles[1],
        "p95": percentiles[6],
        "p99": percentiles[8],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--users", type=int, default=30, help="concurrent locust users (default 30)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--vendors", type=int, default=150)
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--faults", action="store_true", help="restart PostgreSQL, stop Redis and the mail server")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bpo-load-"))
    folder.chmod(0o755)
    services = Services(folder)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/bpo_load",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "DJANGO_LOG_LEVEL": "ERROR",
        # The load comes from one address: the per-client API limits would throttle it after a few seconds.
        "API_THROTTLE_ANON": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
        "LOAD_TARGETS": str(folder / "targets.json"),
        "LOAD_ACKED": str(folder / "acked.json"),
    }
    try:
        log(f"starting PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}, mail sink :{SMTP_PORT} in {folder}")
        services.start_postgres()
        services.start_redis()
        services.start_smtp()
        services.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "bpo_load"])
        log("migrating and seeding")
        manage = [PYTHON, "manage.py"]
        services.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, timeout=600)
        services.run(
            [*manage, "seed_demo", "--vendors", str(args.vendors), "--jobs", str(args.jobs), "--seed", "1"],
            cwd=ROOT,
            env=env,
            timeout=600,
        )
        services.run([PYTHON, "loadtest/prepare.py", env["LOAD_TARGETS"], str(max(10, args.users))], cwd=ROOT, env=env)
        services.start_web(env, args.workers)
        log(f"gunicorn ({args.workers} workers) on {BASE_URL}; locust: {args.users} users for {args.duration} s")
        faults = Faults(services, args.duration) if args.faults else None
        if faults:
            faults.start()
        locust = services.run(
            [
                str(BIN / "locust"),
                "-f",
                "loadtest/locustfile.py",
                "--headless",
                "-u",
                str(args.users),
                "-r",
                "10",
                "-t",
                f"{args.duration}s",
                "-H",
                BASE_URL,
                "--only-summary",
                "--stop-timeout",
                "10",
                "--exit-code-on-error",
                "0",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            timeout=args.duration + 120,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if faults:
            faults.join(timeout=60)
        checked = subprocess.run(
            [PYTHON, "loadtest/verify.py", env["LOAD_ACKED"]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        saved = json.loads(checked.stdout.strip().splitlines()[-1])
        acked = json.loads(Path(env["LOAD_ACKED"]).read_text())
        print(locust.stdout, flush=True)
        stats = aggregated(locust.stdout)
    finally:
        services.stop()
        shutil.rmtree(folder, ignore_errors=True)

    lost = len(saved["applications"]["lost"]) + len(saved["inquiries"]["lost"])
    print()
    print(
        f"== {'Faults' if args.faults else 'Load'}: {args.duration} s, {args.users} users, {args.workers} gunicorn "
        f"workers, {args.jobs} postings and {args.vendors} vendors, PostgreSQL 15 + Redis"
    )
    if faults:
        f = faults.figures
        print(
            f"database outage window: {f['outage_seconds']} s (PostgreSQL down 5 s); answered 503 'database is "
            f"unavailable' during it: {saved['outage_503']}; recovered by itself: {'yes' if f['recovered'] else 'NO'}"
        )
        for fault, what in (("redis", "Redis down 10 s"), ("mail", "mail server down")):
            start, end = f[fault]
            end += 2  # a request that started inside the window may be answered just after it
            within = [kind for kind in ("applications", "inquiries") for _id, at in acked[kind] if start <= at <= end]
            missing = {kind: set(saved[kind]["lost"]) for kind in ("applications", "inquiries")}
            lost_within = sum(
                1
                for kind in missing
                for record_id, at in acked[kind]
                if start <= at <= end and record_id in missing[kind]
            )
            errors = sum(1 for at, _name, _status in acked["failures"] if start <= at <= end)
            since = f" from second {f['mail_down_from_second']} to the end" if fault == "mail" else ""
            print(
                f"{what}{since}: errors {errors}, applications and inquiries acknowledged {len(within)}, "
                f"lost {lost_within}"
            )
    for kind in ("applications", "inquiries"):
        s = saved[kind]
        print(f"{kind} acknowledged: {s['acknowledged']}, in the database: {s['found']}, lost: {len(s['lost'])}")
    print(
        f"requests: {stats['requests']}  requests/s: {stats['rps']:.1f}  p50: {stats['p50']} ms  "
        f"p95: {stats['p95']} ms  p99: {stats['p99']} ms  errors: {stats['errors']}  records lost: {lost}"
    )
    return 1 if stats["errors"] or lost or (faults and not faults.figures["recovered"]) else 0


if __name__ == "__main__":
    sys.exit(main())
