"""A served copy of the site with demo data, for the checks that need one (`make validate`, `make lighthouse`).

A fresh SQLite database in a temporary folder is migrated and seeded (`seed_demo`, the demo accounts of
`ensure_demo_curator`, and a few records so that every signed-in page has something to show), then served on a
free port of 127.0.0.1 until the `with` block ends:

- `production=False`: the local settings with DEBUG off, by `runserver --insecure` (as `make e2e`), so that the
  demo people can sign in over plain HTTP;
- `production=True`: the production settings (`collectstatic` into the folder, WhiteNoise, compression) served
  by gunicorn, as a deployment serves them; HTTPS redirects are off, as a proxy would end TLS in front.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_site(*, production: bool = False, vendors: int = 30, jobs: int = 200) -> Iterator[str]:
    """Yield the address of a freshly seeded site (see the module's docstring); its log is printed on failure."""
    work = Path(tempfile.mkdtemp(prefix="bpo-site-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local",
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(45),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(work / "private-media"),
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "EMAIL_URL": "consolemail://",
        "REDIS_URL": "",
        "SITE_URL": url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    log_path = work / "server.log"
    python = sys.executable
    server = None
    with open(log_path, "w") as log:

        def manage(*args: str, **overrides: str) -> None:
            subprocess.run(
                [python, "manage.py", *args], cwd=ROOT, env={**env, **overrides}, stdout=log, stderr=log, check=True
            )

        try:
            manage("migrate", "--noinput")
            manage("seed_demo", "--vendors", str(vendors), "--jobs", str(jobs), "--seed", "1")
            manage("ensure_demo_curator", DJANGO_DEBUG="1")  # the demo people are made only with DEBUG on
            manage("shell", "--no-imports", "-c", "from checks.records import add_demo_records; add_demo_records()")
            if production:
                env.update(DJANGO_SETTINGS_MODULE="bpo_portal.settings.production", DJANGO_SECURE_SSL_REDIRECT="0")
                manage("collectstatic", "--noinput")
                command = [
                    str(Path(python).with_name("gunicorn")),
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "bpo_portal.wsgi:application",
                ]
            else:
                command = [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"]
            server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urlopen(f"{url}/healthz", timeout=2):  # noqa: S310 - our own server
                        break
                except (URLError, ConnectionError):
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("The site did not start") from None
                    time.sleep(0.2)
            yield url
        except BaseException:
            log.flush()
            print(f"--- the site's log ({log_path}):\n{log_path.read_text()[-5000:]}", file=sys.stderr)
            raise
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=20)
    shutil.rmtree(work, ignore_errors=True)
