"""The base blueprint of every API endpoint: /api, with the v1 and v2 blueprints registered."""

from apiflask import APIBlueprint

from app.api.v1.v1 import v1
from app.api.v2.v2 import v2

root = APIBlueprint("api", __name__, url_prefix="/api")
root.register_blueprint(v1)
root.register_blueprint(v2)
