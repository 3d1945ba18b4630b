"""The load test's users (locust): visitors who search and read, job seekers who apply, businesses who send
inquiries. Every application and inquiry answered with success is recorded (its id) for the harness to find
in the database afterwards. A 503 that says the database is unavailable is the expected answer during an
outage: counted apart, not as an error; anything else that is not the expected answer is an error. Each
acknowledgement and each error keeps its time, so that the harness can tell what happened during which fault."""

import json
import os
import random
import threading
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
ACKED = Path(os.environ["LOAD_ACKED"])
OUTAGE_MESSAGE = "database is unavailable"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SEARCHES = ["customer support", "chat", "billing", "collections", "technical", "manila", "spanish", "night"]

acked = {"applications": [], "inquiries": []}  # [id, time acknowledged]
outages = {"count": 0}
failures = []  # [time, request name, status code]
lock = threading.Lock()
seeker_numbers = iter(range(len(TARGETS["tokens"])))


def expect(response, *codes):
    """Success for the expected codes; a clear database-outage 503 is counted apart; anything else fails."""
    if response.status_code in codes:
        response.success()
    elif response.status_code == 503 and OUTAGE_MESSAGE in response.text:
        outages["count"] += 1
        response.success()
    else:
        with lock:
            failures.append([time.time(), response.request_meta["name"], response.status_code])
        response.failure(f"{response.status_code}: {response.text[:200]}")


class Visitor(HttpUser):
    weight = 6
    wait_time = between(0.2, 1.0)

    def get(self, path, name, **params):
        with self.client.get(path, params=params, name=name, catch_response=True, timeout=15) as response:
            expect(response, 200)

    @task(4)
    def search_jobs_api(self):
        self.get("/api/v1/jobs/", "/api/v1/jobs/?q", q=random.choice(SEARCHES))

    @task(3)
    def job_list_page(self):
        self.get("/jobs/", "/jobs/?filters", work_arrangement=random.choice(["remote", "onsite", "hybrid"]))

    @task(3)
    def vendor_list_page(self):
        self.get("/vendors/", "/vendors/?filters", service="customer-support")

    @task(2)
    def vendor_search_api(self):
        self.get("/api/v1/vendors/", "/api/v1/vendors/?q", q=random.choice(SEARCHES))

    @task(4)
    def job_page(self):
        self.get(f"/jobs/{random.choice(TARGETS['jobs'])}/", "/jobs/[slug]/")

    @task(3)
    def vendor_page(self):
        self.get(f"/vendors/{random.choice(TARGETS['vendors'])}/", "/vendors/[slug]/")


class Seeker(HttpUser):
    """Applies to one posting after another, each once: seeker n takes postings n, n + S, n + 2S..."""

    weight = 2
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.number = next(seeker_numbers)
        self.headers = {"Authorization": f"Token {TARGETS['tokens'][self.number]}"}
        self.todo = TARGETS["jobs"][self.number :: len(TARGETS["tokens"])]

    @task
    def apply(self):
        if not self.todo:
            return
        slug = self.todo[0]
        files = {"resume": ("resume.pdf", PDF, "application/pdf")}
        with self.client.post(
            f"/api/v1/jobs/{slug}/apply/",
            data={"cover_note": "I have three years of voice support."},
            files=files,
            headers=self.headers,
            name="/api/v1/jobs/[slug]/apply/",
            catch_response=True,
            timeout=15,
        ) as response:
            if response.status_code in (201, 409):  # 409: an earlier try was saved though its answer was lost
                self.todo.pop(0)
            if response.status_code == 201:
                with lock:
                    acked["applications"].append([response.json()["id"], time.time()])
            expect(response, 201, 409)


class Business(HttpUser):
    """Sends inquiries without an account (each from its own address, so no daily limit is reached)."""

    weight = 1
    wait_time = between(0.5, 1.5)

    @task
    def inquire(self):
        vendor = random.choice(TARGETS["vendors"])
        body = {
            "name": "Load Tester",
            "email": f"buyer-{uuid.uuid4().hex[:12]}@example.com",
            "company": "Acme",
            "seats": 25,
            "message": "We need 25 seats of chat support from March.",
            "submission_key": str(uuid.uuid4()),
        }
        with self.client.post(
            f"/api/v1/vendors/{vendor}/inquiries/",
            json=body,
            name="/api/v1/vendors/[slug]/inquiries/",
            catch_response=True,
            timeout=15,
        ) as response:
            if response.status_code in (200, 201):
                with lock:
                    acked["inquiries"].append([response.json()["id"], time.time()])
            expect(response, 200, 201)


@events.quitting.add_listener
def write_acknowledged(environment, **kwargs):
    ACKED.write_text(json.dumps({**acked, "outage_503": outages["count"], "failures": failures}))
