"""``collab serve``: real gunicorn workers over real HTTP.

Regression: the command once ran gunicorn inside the CLI's application context, so every
request in a worker shared one ``g`` (one CSP nonce, one signed-in user, one connection).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.smtp import free_port

COLLAB = str(Path(sys.executable).parent / "collab")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def fetch(browser, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with browser.open(url, body, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "COLLAB_DATABASE": str(tmp_path / "collab.sqlite"),
        "COLLAB_SECRET_KEY": "a-test-secret-key-that-is-long-enough",
        "COLLAB_BASE_URL": f"http://127.0.0.1:{port}",
        "COLLAB_SESSION_COOKIE_SECURE": "false",
    }
    password = tmp_path / "pw"
    password.write_text("a long enough password\n")
    subprocess.run([COLLAB, "init-db"], env=env, check=True, capture_output=True)
    subprocess.run(
        [
            COLLAB,
            "users",
            "create",
            "--email",
            "a@example.org",
            "--role",
            "analyst",
            "--password-file",
            str(password),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [COLLAB, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("collab serve did not start: " + process.stderr.read().decode()[-2000:])
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_requests_do_not_share_state_across_a_worker(server):
    nonces = set()
    for _ in range(6):
        status, headers, _ = fetch(opener(), server + "/sign-in")
        assert status == 200
        assert "session=" in headers["Set-Cookie"]  # the CSRF token is stored per visitor
        nonces.add(re.search(r"'nonce-([^']+)'", headers["Content-Security-Policy"]).group(1))
    assert len(nonces) == 6

    signed_in = opener()
    _, _, page = fetch(signed_in, server + "/sign-in")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    status, _, _ = fetch(
        signed_in,
        server + "/sign-in",
        {"csrf_token": token, "email": "a@example.org", "password": "a long enough password"},
    )
    assert status == 302
    assert fetch(signed_in, server + "/results/")[0] == 200
    # Someone else, on the same workers, is not signed in as that user.
    for _ in range(4):
        assert fetch(opener(), server + "/results/")[0] == 302


def test_logs_hold_no_tokens_passwords_or_answers(tmp_path):
    """Run a respondent and a sign-in through real gunicorn, then read everything the
    server wrote: no invitation token, password or answer text may be in it."""
    port = free_port()
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "COLLAB_DATABASE": str(tmp_path / "collab.sqlite"),
        "COLLAB_SECRET_KEY": "a-test-secret-key-that-is-long-enough",
        "COLLAB_BASE_URL": f"http://127.0.0.1:{port}",
        "COLLAB_SESSION_COOKIE_SECURE": "false",
    }
    subprocess.run([COLLAB, "init-db"], env=env, check=True, capture_output=True)
    subprocess.run([COLLAB, "demo", "--councils", "4"], env=env, check=True, capture_output=True)
    token = (
        subprocess.run(
            [
                COLLAB,
                "invites",
                "create",
                "--round",
                "demo-2026",
                "--council",
                "E07900001",
                "--count",
                "1",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .rsplit("/", 1)[1]
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            [COLLAB, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            browser = opener()
            assert fetch(browser, f"{base}/i/{token}")[0] == 302
            _, _, page = fetch(browser, f"{base}/section/comments")
            csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            secret_comment = "A very private remark about the chief executive"
            fetch(
                browser,
                f"{base}/section/comments",
                {"csrf_token": csrf, "comment_working_well": secret_comment},
            )
            staff = opener()
            _, _, page = fetch(staff, f"{base}/sign-in?next=/results/")
            csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            fetch(
                staff,
                f"{base}/sign-in",
                {
                    "csrf_token": csrf,
                    "email": "admin@demo.invalid",
                    "password": "wrong password, logged nowhere",
                },
            )
        finally:
            process.terminate()
            process.wait(timeout=10)
    written = log.read_text()
    assert "/i/[token]" in written  # the request was logged, redacted
    assert token not in written
    assert "wrong password, logged nowhere" not in written
    assert secret_comment not in written
    assert "next=" not in written  # query strings are not logged
