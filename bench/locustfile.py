"""Locust users for bench/load.py: respondents completing the whole questionnaire, a
council lead and a national analyst reading pages, and the hello-world baseline."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, task
from locust.exception import StopUser

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
INVITATIONS = Path(os.environ.get("LOAD_INVITATIONS", "/dev/null")).read_text().split()
SECTIONS = os.environ.get("LOAD_SECTIONS", "").split(",")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
# "journey": respondents pause 0.5 to 2 s between steps, staff read pages; "stress": the
# same journeys with no pauses at all; "hello": the baseline.
MODE = os.environ.get("LOAD_MODE", "journey")
_next = iter(INVITATIONS)


def csrf(body: str) -> str:
    match = TOKEN.search(body)
    return match.group(1) if match else ""


def answers_for(body: str) -> dict[str, str]:
    """Pick an answer for every radio group on the page, and fill any text box."""
    chosen: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", body):
        if 'type="radio"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag).group(1)
        value = re.search(r'value="([^"]+)"', tag).group(1)
        if name not in chosen or random.random() < 0.3:
            chosen[name] = value
    for name in re.findall(r'<textarea[^>]*name="([^"]+)"', body):
        chosen[name] = "Load test comment."
    return chosen


class Respondent(FastHttpUser):
    weight = 20
    wait_time = between(0.5, 2)

    def wait(self):
        if MODE == "journey":
            super().wait()

    @task
    def journey(self):
        """The whole questionnaire, pausing between steps as ``wait_time`` says (Locust
        by itself waits only between tasks, and this task is the whole journey), or
        not at all under stress."""
        if MODE not in ("journey", "stress"):
            raise StopUser
        try:
            token = next(_next)
        except StopIteration:
            raise StopUser from None
        self.client.get(f"/i/{token}", name="/i/[token]", allow_redirects=True)
        for slug in SECTIONS:
            self.wait()
            page = self.client.get(f"/section/{slug}", name="GET /section/[slug]")
            data = {**answers_for(page.text), "csrf_token": csrf(page.text)}
            self.wait()
            self.client.post(
                f"/section/{slug}",
                data=data,
                name="POST /section/[slug] (save)",
                allow_redirects=False,
            )
        self.wait()
        page = self.client.get("/check-answers", name="GET /check-answers")
        self.wait()
        self.client.post(
            "/check-answers",
            data={"csrf_token": csrf(page.text)},
            name="POST /check-answers",
            allow_redirects=False,
        )
        raise StopUser


class Staff(FastHttpUser):
    """Signs in as ``email``; subclasses say which pages they read."""

    abstract = True
    email = ""
    wait_time = between(1, 3)

    def on_start(self):
        if MODE != "journey":
            raise StopUser
        page = self.client.get("/sign-in", name="GET /sign-in")
        self.client.post(
            "/sign-in",
            data={"csrf_token": csrf(page.text), "email": self.email, "password": PASSWORD},
            name="POST /sign-in",
        )


class Lead(Staff):
    fixed_count = 1  # one lead and one analyst; every other user is a respondent
    email = "lead@demo.invalid"

    @task
    def pages(self):
        self.client.get("/workspace/demo-2026/E07900001", name="GET lead workspace")
        self.client.get("/results/demo-2026/E07900001", name="GET lead results")


class Analyst(Staff):
    fixed_count = 1
    email = "analyst@demo.invalid"

    @task
    def pages(self):
        self.client.get("/national/demo-2026", name="GET national view")


class Hello(FastHttpUser):
    """The baseline: the same server answering its cheapest route."""

    weight = 1
    wait_time = between(0, 0)

    def on_start(self):
        if MODE != "hello":
            raise StopUser

    @task
    def hello(self):
        self.client.get("/healthz", name="GET /healthz")
