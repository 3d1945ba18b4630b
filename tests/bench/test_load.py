"""The benchmark's load (bench/load.py) is open-loop: requests start on schedule whether or not the earlier ones
answered, their latency counts from the scheduled start (so queueing at a slow server shows), and a timeout or a
wrong status is a failure."""

import argparse
import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bench import load


class Slow(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.1)
        self.send_response(500 if self.path == "/broken" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class QueueingServer(HTTPServer):
    request_queue_size = 512  # every request queues, none is refused however far behind the server falls


@pytest.fixture
def server():
    httpd = QueueingServer(("127.0.0.1", 0), Slow)  # one request at a time: the others queue
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def run(base, mix, *, rate=20, seconds=1, timeout=5.0):
    args = argparse.Namespace(rate=rate, seconds=seconds, timeout=timeout, visitors=10)
    outcomes, sent, wall, lag = asyncio.run(
        load.attack(mix, base=base, rate=rate, seconds=seconds, timeout=timeout, seed=1, visitors=10)
    )
    return load.summarize(outcomes, sent, wall, lag, args)


def page(path="/", ok=(200,)):
    return {"kind": "page", "method": "GET", "path": path, "body": "", "ok": list(ok), "weight": 1.0}


def test_requests_start_on_schedule_and_their_wait_in_the_queue_counts(server):
    # 20 requests in 1 s at a server that answers one every 0.1 s: a closed loop would see 100 ms each; the
    # last of them, scheduled at 0.95 s, is answered at about 2 s.
    result = run(server, [page()])
    assert result["requests"] == 20
    assert result["started_per_s"] >= 18
    assert result["max_ms"] > 800
    assert result["errors"] == result["timeouts"] == 0


def test_timeouts_and_wrong_statuses_are_failures(server):
    result = run(server, [page("/broken")], rate=5, seconds=1)
    assert result["errors"] == 5
    result = run(server, [page()], rate=20, seconds=1, timeout=0.5)
    assert result["timeouts"] > 0
    assert result["answered_ok_per_s"] < 20


def test_the_figures_over_time_show_a_queue_growing_as_the_run_goes_on(server):
    # 15 requests a second at a server that answers 10 a second at most: each slice of the run waits longer than
    # the one before, which one figure for the whole run would hide.
    result = run(server, [page()], rate=15, seconds=10, timeout=30)
    slices = result["over_time"]
    assert [(s["from_s"], s["to_s"]) for s in slices] == [(0, 5), (5, 10)]
    assert slices[1]["p50_ms"] > slices[0]["p50_ms"] + 1000
    assert sum(s["answered_ok_per_s"] * 5 for s in slices) == pytest.approx(150, abs=1)
