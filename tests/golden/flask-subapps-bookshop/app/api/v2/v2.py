"""/api/v2: starts empty; a sub-app's blueprint is registered here once v2 serves it.

Like v1 it derives its routes from the sub-apps only and holds no logic.
"""

from apiflask import APIBlueprint

v2 = APIBlueprint("v2", __name__, url_prefix="/v2")
