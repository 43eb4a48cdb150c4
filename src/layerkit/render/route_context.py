"""What a route's templates see (both families): its endpoints, their mocks as Python literals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layerkit.layouts import FIRST_VERSION, Layout
from layerkit.render.family_context import ProjectInfo, project_context
from layerkit.spec.routes import STATUS, VERBS, WITH_BODY, Endpoint, Route

# The body each generated test sends to an endpoint that takes one (its placeholder echoes it).
TEST_BODY: dict[str, object] = {"id": 1, "name": "Alice"}


def py_literal(value: Any) -> str:
    """A JSON value as a Python literal: `True`/`None`, escaped strings, never a name."""
    if value is None:
        return "None"
    if value is True:
        return "True"
    if value is False:
        return "False"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(item) for item in value) + "]"
    assert isinstance(value, dict), f"not a JSON value: {value!r}"
    return "{" + ", ".join(f"{py_literal(k)}: {py_literal(v)}" for k, v in value.items()) + "}"


_CHUNK = 40  # longer strings are split in parts, so that the formatter can keep lines short


def _escape(char: str) -> str:
    if char == '"':
        return '\\"'
    if char == "'":
        return char
    return ascii(char)[1:-1]


def _string(text: str) -> str:
    """Escaped, in double quotes (ASCII only: no look-alike letter reaches a linter), in parts
    of at most `_CHUNK` escaped characters if long."""
    parts, current = [], ""
    for char in text:
        escaped = _escape(char)
        if current and len(current) + len(escaped) > _CHUNK:
            parts.append(current)
            current = ""
        current += escaped
    parts.append(current)
    quoted = [f'"{part}"' for part in parts]
    return quoted[0] if len(quoted) == 1 else "(" + " ".join(quoted) + ")"


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    return 0


@dataclass(frozen=True)
class EndpointView:
    route: str
    endpoint: Endpoint

    @property
    def method(self) -> str:
        return self.endpoint.method

    @property
    def lower(self) -> str:
        return self.endpoint.method.lower()

    @property
    def path(self) -> str:
        """The path below the route's prefix: "" for its own endpoint, "/<sub>" for a subroute."""
        return f"/{self.endpoint.name}" if self.endpoint.name else ""

    @property
    def url(self) -> str:
        """The endpoint's URL in the generated test (`URL` is the route's)."""
        return f'URL + "{self.path}"' if self.path else "URL"

    @property
    def function(self) -> str:
        return f"{VERBS[self.method]}_{self.endpoint.name or self.route}"

    @property
    def status(self) -> int:
        return STATUS[self.method]

    @property
    def takes_body(self) -> bool:
        return self.method in WITH_BODY

    @property
    def has_mock(self) -> bool:
        return self.endpoint.has_mock

    @property
    def mock(self) -> str:
        return py_literal(self.endpoint.mock)

    def _answer(self, data: str) -> str:
        """BackAnt's answer without a mock; `data` stands for the request body."""
        sub, route = self.endpoint.name, self.route
        if self.method == "GET":
            return f"Your {sub or route} route is working!"
        what = f"{sub} for {route}" if sub else route
        if self.method == "DELETE":
            return f"Successfully deleted {what}"
        verb = {"POST": "created", "PUT": "replaced", "PATCH": "updated"}[self.method]
        return f"Successfully {verb} {what} with data: {data}"

    @property
    def placeholder(self) -> str:
        """The answer without a mock, as a Python expression (an f-string echoes `data`)."""
        if self.takes_body:
            return 'f"' + self._answer("{data}") + '"'
        return '"' + self._answer("") + '"'

    @property
    def expected(self) -> str:
        """What the endpoint answers the generated test, as a Python literal."""
        if self.has_mock:
            return self.mock
        return repr(self._answer(str(TEST_BODY)))

    @property
    def wrong_method(self) -> str:
        return "DELETE" if self.method != "DELETE" else "GET"


def route_context(
    project: ProjectInfo, layout: Layout, route: Route, modules: dict[str, str], version: str = FIRST_VERSION
) -> dict[str, object]:
    values = layout.pattern_values(route.names, version=version)
    options = layout.options
    return {
        **project_context(project, layout),
        # Flask: the blueprint's variable (the name its registration imports), its own name and the
        # prefix it carries (none where a version's blueprint adds /api/v1)
        "bp": options.get("blueprint", "blueprint").format(**values),
        "bp_name": options.get("route_blueprint_name", "{plural}").format(**values),
        "route_prefix": options.get("route_prefix", "").format(**values),
        "mod": modules,
        "r": route.names,
        "version": version,
        "api_prefix": layout.api_prefix(version),
        "endpoints": [EndpointView(route.name, e) for e in route.endpoints()],
        "test_body": py_literal(TEST_BODY),
        # set when the formatted file has lines a mock makes too long (deep nesting, long keys)
        "long_lines": False,
    }
