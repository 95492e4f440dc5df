"""Crash test: gunicorn killed with SIGKILL at random moments while respondents save pages
and submit. Every save or submit that was answered with success is there afterwards; a
submit that got no answer is complete or absent, never partial; the database passes its
integrity check after every kill."""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from survey.db import get_store
from tests.conftest import complete_answers, make_app
from tests.smtp import free_port

pytestmark = pytest.mark.slow
COLLAB = str(Path(sys.executable).parent / "collab")
KILLS = 30
RESPONDENTS = 24
CLIENTS = 4
SECRET = "crash-test-secret-key-long-enough"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Server:
    def __init__(self, database: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "COLLAB_DATABASE": str(database),
            "COLLAB_SECRET_KEY": SECRET,
            "COLLAB_BASE_URL": self.base,
            "COLLAB_SESSION_COOKIE_SECURE": "false",
        }
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [COLLAB, "serve", "--port", str(self.port), "--workers", "2"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the kill takes the workers too
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/privacy", timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("collab serve did not come back")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


class Respondent:
    """One person answering through real HTTP, retrying whatever got no answer."""

    def __init__(self, base: str, token: str, answers: dict[str, str], sections):
        self.base = base
        self.token = token
        self.answers = answers
        self.sections = sections
        jar = http.cookiejar.CookieJar()
        self.jar = jar
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.saved: list[str] = []  # sections whose save got a success response
        self.submitted = False  # the submit got a success response
        self.submit_unanswered = False

    def request(self, path, data=None):
        """(status, body); (None, None) when the server did not answer."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            try:
                with self.opener.open(self.base + path, body, timeout=10) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as exc:  # 3xx/4xx/5xx: read its body too
                return exc.code, exc.read().decode()
        except (OSError, http.client.HTTPException):  # killed mid-response included
            return None, None

    def until_answered(self, path, data_for=None):
        while True:
            status, body = self.request(path)
            if status is None:
                time.sleep(0.05)
                continue
            if data_for is None:
                return status, body
            match = TOKEN.search(body or "")
            if not match:
                return status, body
            status, body = self.request(path, {**data_for, "csrf_token": match.group(1)})
            if status is not None:
                return status, body
            if path == "/check-answers":
                self.submit_unanswered = True
            time.sleep(0.05)

    def run(self):
        while self.request(f"/i/{self.token}")[0] != 302:
            time.sleep(0.05)
        for section in self.sections:
            data = {q.id: self.answers.get(q.id, "") for q in section.questions}
            status, _ = self.until_answered(f"/section/{section.slug}", data)
            assert status == 302, (section.slug, status)
            self.saved.append(section.slug)
        status, _ = self.until_answered("/check-answers", {})
        assert status == 302
        self.submitted = True

    def response_id(self, app) -> str:
        cookie = next(c.value for c in self.jar if c.name == "session")
        serializer = app.session_interface.get_signing_serializer(app)
        return serializer.loads(cookie)["response_id"]


def integrity(database: Path) -> str:
    conn = sqlite3.connect(database)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_answers_survive_sigkill(tmp_path):
    app = make_app(tmp_path, SECRET_KEY=SECRET)
    instrument = app.extensions["instruments"].get(1)
    sections = app.extensions["sections"][(1, "en")]
    with app.app_context():
        tokens = get_store().create_invitations("r2026", "E07900001", RESPONDENTS)
    database = Path(app.config["DATABASE"])
    server = Server(database)
    server.start()
    rng = random.Random(20261128)
    people = [
        Respondent(server.base, token, complete_answers(instrument, str(1 + i % 5)), sections)
        for i, token in enumerate(tokens)
    ]
    errors = []

    def work(group):
        for person in group:
            try:
                person.run()
            except Exception as exc:  # reported below, with the kill count
                errors.append(repr(exc))

    threads = [
        threading.Thread(target=work, args=(people[i::CLIENTS],), daemon=True)
        for i in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    checks = []
    for _ in range(KILLS):
        time.sleep(rng.uniform(0.05, 0.4))
        server.kill()
        checks.append(integrity(database))
        server.start()
    for thread in threads:
        thread.join(timeout=120)
    server.kill()
    assert errors == []
    assert checks == ["ok"] * KILLS
    assert integrity(database) == "ok"

    conn = sqlite3.connect(database)
    required = {q.id for s in sections for q in s.questions if not q.is_text}
    for person in people:
        response_id = person.response_id(app)
        stored = dict(
            conn.execute(
                "SELECT item_id, value FROM answers WHERE response_id = ?", [response_id]
            ).fetchall()
        )
        for slug in person.saved:  # every acknowledged save is there
            section = next(s for s in sections if s.slug == slug)
            for q in section.questions:
                if person.answers.get(q.id):
                    assert stored.get(q.id) == person.answers[q.id], (slug, q.id)
        status = conn.execute(
            "SELECT status FROM responses WHERE id = ?", [response_id]
        ).fetchone()[0]
        if person.submitted:
            assert status == "submitted"
        if status == "submitted":  # never partial
            assert required <= stored.keys()
    conn.close()
    submitted = sum(p.submitted for p in people)
    print(
        f"{KILLS} kills, {submitted} of {RESPONDENTS} submitted, "
        f"{sum(p.submit_unanswered for p in people)} submits went unanswered and were retried"
    )
    assert submitted == RESPONDENTS
