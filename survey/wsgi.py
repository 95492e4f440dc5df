"""WSGI entry point for running gunicorn directly: ``gunicorn 'survey.wsgi:app'``."""

from survey import create_app
from survey.config import check_production

app = create_app()
check_production(app.config)
