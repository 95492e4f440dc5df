"""Run the app under gunicorn from ``collab serve``."""

from __future__ import annotations

import re

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


def run_gunicorn(app: Flask, host: str, port: int, workers: int) -> None:
    # The app is built (and migrated) once in the parent before workers fork.
    _Gunicorn(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "sync",
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": "-",
            "logger_class": RedactingLogger,
        },
    ).run()
