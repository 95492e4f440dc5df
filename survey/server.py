"""Run the app under gunicorn from ``collab serve``."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

# Paths that carry a secret: invitation links and account links.
SECRET_PATHS = re.compile(r"^(/i/|/account/password/)[^/?\s]+")


def redact(path: str) -> str:
    """A path fit for a log: link tokens replaced, query strings dropped."""
    return SECRET_PATHS.sub(r"\1[token]", path.split("?", 1)[0])


class RedactingLogger(Logger):
    """Gunicorn's access log without link tokens or query strings in it."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact(atoms.get("U", ""))
        atoms["U"] = path
        atoms["q"] = ""
        atoms["r"] = f"{atoms.get('m', '')} {path} {atoms.get('H', '')}"
        atoms["f"] = redact(atoms.get("f", "-")) if atoms.get("f", "-") != "-" else "-"
        return atoms


class _Gunicorn(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


# A Unix socket's path is at most 107 bytes on Linux (sun_path holds 108 with the NUL).
MAX_SOCKET_PATH = 107


def control_socket(database: str) -> dict:
    """gunicorn's control-socket settings for the service on ``database``.

    gunicorn 27 opens a control socket at one fixed path in the user's home for every
    server: a second service on the machine (staging beside live, a test server) takes it
    over and deletes it when it stops. Each service gets its own, beside its database; a
    path too long for a socket gets none (nothing in the service uses it)."""
    path = str(Path(database).resolve()) + ".gunicorn.ctl"
    if len(path.encode()) > MAX_SOCKET_PATH:
        return {"control_socket_disable": True}
    return {"control_socket": path}


def run_gunicorn(app: Flask, host: str, port: int, workers: int) -> None:
    # The app is built (and migrated) once in the parent before workers fork.
    _Gunicorn(
        app,
        {
            **control_socket(app.config["DATABASE"]),
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "sync",
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": "-",
            "logger_class": RedactingLogger,
        },
    ).run()
