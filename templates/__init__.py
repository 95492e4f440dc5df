"""Jinja templates for the web app and the reports.

A package only so that a non-editable install carries the templates with it.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
