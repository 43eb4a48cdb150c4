"""/api/v2: derives its routes from the sub-apps only (each registers its blueprint here).

It holds no logic. `layerkit generate resource` registers a new sub-app in every version (or in
`--version` only); `layerkit generate version vN --fork NAME` gives a sub-app code of its own in
a later version and registers that here instead.
"""

from apiflask import APIBlueprint

from app.authors import blueprint as authors_blueprint
from app.books import blueprint as books_blueprint
from app.reviews import blueprint as reviews_blueprint

v2 = APIBlueprint("v2", __name__, url_prefix="/v2", enable_openapi=False)
v2.register_blueprint(authors_blueprint)
v2.register_blueprint(books_blueprint)
v2.register_blueprint(reviews_blueprint)
