"""The WSGI application: the core factory with the API's root blueprint (`gunicorn app.app:app`)."""

from app.api.root import root
from app.core.app import create_app

app = create_app(blueprints=[root])
