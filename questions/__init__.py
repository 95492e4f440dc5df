"""The questionnaire as data: versioned YAML instruments and their JSON Schema.

This package holds no logic; ``scoring.instrument`` loads and checks the files.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
