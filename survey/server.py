"""Run the app under gunicorn from ``collab serve``."""

from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication


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
        },
    ).run()
