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


def serve_env(directory: Path, port: int, **extra: str) -> dict:
    return {
        **os.environ,
        "COLLAB_DATABASE": str(directory / "collab.sqlite"),
        "COLLAB_SECRET_KEY": "a-test-secret-key-that-is-long-enough",
        "COLLAB_BASE_URL": f"http://127.0.0.1:{port}",
        "COLLAB_SESSION_COOKIE_SECURE": "false",
        **extra,
    }


def start_serve(env: dict, port: int) -> subprocess.Popen:
    """``collab serve`` on ``port`` with two workers, once it answers."""
    process = subprocess.Popen(
        [COLLAB, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until_up(process, f"http://127.0.0.1:{port}")
    return process


def wait_until_up(process, base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    detail = process.stderr.read().decode()[-2000:] if process.stderr else ""
    pytest.fail("collab serve did not start: " + detail)


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = serve_env(tmp_path, port)
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
    process = start_serve(env, port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_two_services_on_one_machine_each_have_their_own_control_socket(tmp_path):
    """gunicorn 27 put every server's control socket at $HOME/.gunicorn/gunicorn.ctl: a
    second service took it over and deleted it when it stopped. Now each socket is beside
    its own database, and stopping one service leaves the other's in place."""
    home = tmp_path / "home"
    home.mkdir()
    services = []
    try:
        for name in ("live", "staging"):
            directory = tmp_path / name
            directory.mkdir()
            port = free_port()
            env = serve_env(directory, port, HOME=str(home))
            env.pop("XDG_RUNTIME_DIR", None)
            subprocess.run([COLLAB, "init-db"], env=env, check=True, capture_output=True)
            services.append((start_serve(env, port), directory))
        sockets = [directory / "collab.sqlite.gunicorn.ctl" for _, directory in services]
        for _ in range(50):  # gunicorn opens the socket just after it starts serving
            if all(s.is_socket() for s in sockets):
                break
            time.sleep(0.1)
        assert all(s.is_socket() for s in sockets)
        assert not (home / ".gunicorn").exists()  # the shared default is not used
        staging, _ = services.pop()
        staging.terminate()
        staging.wait(timeout=10)
        assert sockets[0].is_socket()  # live's socket survives staging stopping
    finally:
        for process, _ in services:
            process.terminate()
            process.wait(timeout=10)


def test_a_database_path_too_long_for_a_socket_gets_no_control_socket(tmp_path):
    from survey.server import control_socket

    assert control_socket(str(tmp_path / "collab.sqlite")) == {
        "control_socket": str((tmp_path / "collab.sqlite").resolve()) + ".gunicorn.ctl"
    }
    deep = tmp_path / ("d" * 120) / "collab.sqlite"
    assert control_socket(str(deep)) == {"control_socket_disable": True}


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
            wait_until_up(process, base)
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
