"""The command line and README agree: every ``collab`` command and option is in the
README with ``--help`` text, and every ``collab`` command the README names exists."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from survey.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """(path, command) for every command below ``group``, groups included."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = list(commands())
LEAVES = [(path, c) for path, c in COMMANDS if not isinstance(c, click.Group)]


def readme_lines(path: tuple[str, ...]) -> list[str]:
    """README lines that show the command (``collab users create``), not a longer one
    that starts with it."""
    pattern = re.compile(r"collab " + r" ".join(map(re.escape, path)) + r"(?![\w-])")
    return [line for line in README.splitlines() if pattern.search(line)]


def test_the_walk_finds_every_command():
    names = {" ".join(path) for path, _ in LEAVES}
    assert {"init-db", "users create", "report council", "reports build", "serve"} <= names
    assert len(LEAVES) >= 28


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_is_in_the_readme_with_its_options(path, command):
    lines = readme_lines(path)
    assert lines, f"collab {' '.join(path)} is not in README.md"
    shown = " ".join(lines)
    for param in command.params:
        if isinstance(param, click.Option):
            # Whole options only: "-o" must not be found inside "--out".
            found = [
                o for o in param.opts if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", shown)
            ]
            assert found, (path, param.opts)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_and_option_has_help_text(path, command):
    assert (command.help or "").strip(), f"collab {' '.join(path)} has no --help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), (path, param.opts)


def test_every_command_the_readme_names_exists():
    """Each `collab ...` in README is a command to run: its words up to the first
    argument or option must name a command (not a group), and one that exists."""
    groups = {" ".join(path) for path, c in COMMANDS if isinstance(c, click.Group)}
    leaves = {" ".join(path) for path, _ in LEAVES}
    named = set()
    for match in re.finditer(r"`collab ((?:[a-z][\w-]*)(?: [a-z][\w-]*)*)", README):
        words = match.group(1).split()
        command = words[0]
        for word in words[1:]:
            if command not in groups:
                break  # the rest are arguments (a GSS code, a file)
            command = f"{command} {word}"
        assert command in leaves, f"README names `collab {match.group(1)}`: not a command"
        named.add(command)
    assert named == leaves  # and every command is named at least once
