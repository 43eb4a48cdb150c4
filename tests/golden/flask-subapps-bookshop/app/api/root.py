"""The base blueprint of every API endpoint: /api, with every version's blueprint registered.

`layerkit generate version` adds a version (`app/api/<version>/<version>.py`) here.
"""

from apiflask import APIBlueprint

from app.api.v1.v1 import v1
from app.api.v2.v2 import v2

root = APIBlueprint("api", __name__, url_prefix="/api", enable_openapi=False)
root.register_blueprint(v1)
root.register_blueprint(v2)
