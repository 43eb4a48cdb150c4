"""Routes (BackAnt's `ant generate route|subroute`): a resource without typed fields, serving a mock.

A route has a name (used as given: `users` is the package `users` and the URL `/users`), the
method of its own endpoint and subroutes (`/users/profile`), each with its own method and, if
given, a mock: any JSON value, returned as it is. Everything here is pure: parsing and checking
mocks, the names, BackAnt's JSON spec.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from layerkit.errors import InvalidNameError, LayerkitError, SpecError
from layerkit.spec.names import PROJECT_PACKAGES, ResourceNames, check_identifier, to_pascal

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# The status each method answers with: 201 for a create, 200 (with the mock) for the rest.
STATUS = {"GET": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 200}
# The verb of the endpoint's functions (BackAnt: `get_<sub>()`, `create_<sub>(data)`).
VERBS = {"GET": "get", "POST": "create", "PUT": "replace", "PATCH": "update", "DELETE": "delete"}
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
# Deeper mocks are refused: Python's parser and orjson (Flask) both stop at a few hundred levels.
MAX_DEPTH = 64
# Integers a JSON encoder of every family can send (orjson: 64 bits).
MIN_INT, MAX_INT = -(2**63), 2**64 - 1

NO_MOCK: Any = None  # `mock` is None and `has_mock` False: the endpoint answers a placeholder


class MockError(LayerkitError):
    """A mock that is not JSON, or JSON that cannot be returned as it is."""


@dataclass(frozen=True)
class Endpoint:
    """One endpoint of a route: its own (`name` "") or a subroute's."""

    name: str
    method: str = "GET"
    mock: Any = None
    has_mock: bool = False

    def record(self) -> dict[str, object]:
        entry: dict[str, object] = {"method": self.method}
        if self.has_mock:
            entry["mock"] = json.dumps(self.mock, ensure_ascii=False, sort_keys=False)
        return entry


@dataclass(frozen=True)
class Route:
    names: ResourceNames
    own: Endpoint
    subroutes: tuple[Endpoint, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.names.singular

    def endpoints(self) -> tuple[Endpoint, ...]:
        return (self.own, *self.subroutes)

    def subroute(self, name: str) -> Endpoint | None:
        return next((sub for sub in self.subroutes if sub.name == name), None)

    def with_subroute(self, sub: Endpoint) -> Route:
        return replace(self, subroutes=(*self.subroutes, sub))

    def record(self) -> dict[str, object]:
        """The route as `.layerkit.toml` holds it (mocks as JSON text: TOML has no null)."""
        entry = self.own.record()
        if self.subroutes:
            entry["subroutes"] = {sub.name: sub.record() for sub in self.subroutes}
        return entry


def route_names(name: str) -> ResourceNames:
    """A route's names: the name as given everywhere (no plural: `users` stays `users`)."""
    check_identifier(name, what="route")
    if name in PROJECT_PACKAGES:
        raise InvalidNameError(
            f"invalid route name {name!r}: it collides with the project's own {name!r} package;"
            f" choose another name (e.g. '{name}_route')"
        )
    return ResourceNames(
        singular=name, plural=name, cls=to_pascal(name), url=name, title=name.replace("_", " ").capitalize()
    )


def check_subroute_name(route: str, name: str) -> None:
    check_identifier(name, what="subroute")
    if name == route:
        raise InvalidNameError(
            f"invalid subroute name {name!r}: it is the route's own name, and its functions would be"
            f" the route's own endpoint's; choose another name (e.g. '{name}_detail')"
        )


def check_method(method: str) -> str:
    upper = method.upper()
    if upper not in METHODS:
        raise LayerkitError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    return upper


def make_endpoint(name: str, method: str, mock: Any = None, *, has_mock: bool = False) -> Endpoint:
    if has_mock:
        check_mock(mock)
    return Endpoint(name, check_method(method), mock, has_mock)


def make_route(name: str, method: str = "GET", mock: Any = None, *, has_mock: bool = False) -> Route:
    return Route(route_names(name), make_endpoint("", method, mock, has_mock=has_mock))


# --- mocks -------------------------------------------------------------------------------------


def _refuse_constant(text: str) -> object:
    raise MockError(f"the mock has {text}, which JSON does not have; use a number or null")


def parse_mock_text(text: str, *, where: str = "--mock") -> Any:
    """A mock from JSON text; the parse error's line and column on failure."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise MockError(
            f"{where} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno};"
            " quote it for the shell, e.g. --mock '{\"id\": 1}'"
        ) from None
    except MockError as error:
        raise MockError(f"{where}: {error.message}") from None
    except RecursionError:
        raise MockError(f"{where} is nested more than {MAX_DEPTH} levels deep; flatten it") from None
    check_mock(value, where=where)
    return value


def read_mock(option: str) -> Any:
    """`--mock` as BackAnt takes it: JSON text, `@FILE`, or a bare path ending in `.json`."""
    text = option.strip()
    path: Path | None = None
    if text.startswith("@"):
        path = Path(text[1:])
    elif text.lower().endswith(".json") and text[:1] not in ('"', "[", "{"):
        path = Path(text)
    if path is None:
        return parse_mock_text(option)
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as error:
        raise MockError(f"cannot read mock file {str(path)!r}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise MockError(f"mock file {str(path)!r} is not UTF-8 text") from None
    return parse_mock_text(content, where=f"mock file {str(path)!r}")


def check_mock(value: Any, *, where: str = "the mock") -> None:
    """Refuse what could not come back byte for byte equivalent: non-finite numbers, integers a
    JSON encoder cannot send, lone surrogates (not UTF-8), excessive nesting, non-JSON types."""
    problem = _mock_problem(value, 0)
    if problem:
        raise MockError(f"{where} cannot be served as it is: {problem}")


def _mock_problem(value: Any, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"it is nested more than {MAX_DEPTH} levels deep; flatten it"
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if not MIN_INT <= value <= MAX_INT:
            return f"the integer {value} does not fit in 64 bits; send it as a string"
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a finite number (JSON has no {value})"
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, list):
        return next((p for p in (_mock_problem(item, depth + 1) for item in value) if p), None)
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"the key {key!r} is not a string"
            problem = _text_problem(key) or _mock_problem(item, depth + 1)
            if problem:
                return problem
        return None
    return f"{type(value).__name__} is not a JSON value"


def _text_problem(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"the string {text[:20]!r} has a lone surrogate (\\ud800-\\udfff), which UTF-8 cannot send"
    return None


def endpoint_from_record(name: str, entry: dict[str, Any]) -> Endpoint:
    has_mock = "mock" in entry
    mock = json.loads(entry["mock"]) if has_mock else None
    return Endpoint(name, str(entry["method"]), mock, has_mock)


def route_from_record(name: str, entry: dict[str, Any]) -> Route:
    subroutes = tuple(endpoint_from_record(sub, body) for sub, body in entry.get("subroutes", {}).items())
    return Route(route_names(name), endpoint_from_record("", entry), subroutes)


# --- BackAnt's JSON spec -----------------------------------------------------------------------

_BACKANT_TOP = {"project", "routes"}
_ROUTE_KEYS = {"type", "mock", "subroutes"}
_SUB_KEYS = {"type", "mock"}


def is_backant_spec(data: dict[str, Any]) -> bool:
    """BackAnt's shape: `routes` (and maybe `project`), none of our spec's keys."""
    return "routes" in data and set(data) <= _BACKANT_TOP


def parse_backant_routes(data: dict[str, Any], errors: list[str]) -> list[Route]:
    """`{"project": {...}, "routes": {name: {type, mock?, subroutes?: {name: {type, mock?}}}}}`."""
    project = data.get("project", {})
    if not isinstance(project, dict):
        errors.append('project: must be a mapping (e.g. {"description": "..."})')
    raw = data["routes"]
    if not isinstance(raw, dict) or not raw:
        errors.append(
            'routes: must be a mapping of route name -> {"type": "GET", ...} with at least one route'
        )
        return []
    routes: list[Route] = []
    for name, body in raw.items():
        where = f"routes.{name}"
        own = _backant_endpoint(str(name), "", body, _ROUTE_KEYS, where, errors)
        if own is None:
            continue
        try:
            names = route_names(str(name))
        except LayerkitError as error:
            errors.append(f"{where}: {error.message}")
            continue
        subs: list[Endpoint] = []
        raw_subs = body.get("subroutes", {})
        if not isinstance(raw_subs, dict):
            errors.append(f'{where}.subroutes: must be a mapping of subroute name -> {{"type": ...}}')
            raw_subs = {}
        for sub_name, sub_body in raw_subs.items():
            sub = _backant_endpoint(
                str(name), str(sub_name), sub_body, _SUB_KEYS, f"{where}.subroutes.{sub_name}", errors
            )
            if sub is not None:
                subs.append(sub)
        routes.append(Route(names, own, tuple(subs)))
    return routes


def _backant_endpoint(
    route: str, name: str, body: object, keys: set[str], where: str, errors: list[str]
) -> Endpoint | None:
    if not isinstance(body, dict):
        errors.append(f'{where}: must be a mapping like {{"type": "GET"}}')
        return None
    unknown = sorted(set(body) - keys)
    if unknown:
        errors.append(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(keys))}")
        return None
    if "type" not in body or not isinstance(body["type"], str):
        errors.append(f"{where}.type: required, one of {', '.join(METHODS)}")
        return None
    try:
        if name:
            check_subroute_name(route, name)
        return make_endpoint(name, body["type"], body.get("mock"), has_mock="mock" in body)
    except LayerkitError as error:
        errors.append(f"{where}: {error.message}")
        return None


def load_backant_routes(path: Path, data: dict[str, Any]) -> list[Route]:
    errors: list[str] = []
    routes = parse_backant_routes(data, errors)
    if errors:
        raise SpecError(
            f"BackAnt spec {str(path)!r} has {len(errors)} problem(s): {errors[0]}", details=errors
        )
    return routes


def load_project_spec(path: Path, *, name: str | None, presets: tuple[str, ...]) -> Any:
    """`layerkit new --spec FILE`: our spec, or BackAnt's (told apart by its shape)."""
    from layerkit.spec.loader import load_spec, read_spec_file
    from layerkit.spec.model import ProjectSpec
    from layerkit.spec.names import check_project_name

    data = read_spec_file(path)
    if not is_backant_spec(data):
        return load_spec(path, name=name, presets=presets)
    if name is None:
        raise SpecError(
            f"BackAnt spec {str(path)!r} names no project: give it, e.g. `layerkit new my-api --spec {path}`"
        )
    check_project_name(name)
    return ProjectSpec(name=name, routes=tuple(load_backant_routes(path, data)))
