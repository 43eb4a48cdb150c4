"""Register a resource by editing code as code (libcst): formatting and comments survive,
and every edit is idempotent."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Protocol

from layerkit.errors import EditError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import libcst as cst


def _parse(source: str, path: str) -> cst.Module:
    import libcst as cst  # lazily: only commands that edit need it

    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise EditError(
            f"{path} is not valid Python (line {error.raw_line}); fix it, then run the command again"
        ) from None


def _imports(module: cst.Module) -> list[tuple[str, str, str]]:
    """(module, name, alias) of every top-level `from X import Y [as Z]`."""
    import libcst as cst

    found = []
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and small.module
                and not isinstance(small.names, cst.ImportStar)
            ):
                origin = module.code_for_node(small.module)
                for alias in small.names:
                    name = module.code_for_node(alias.name)
                    local = module.code_for_node(alias.asname.name) if alias.asname else name
                    found.append((origin, name, local))
    return found


def _last_import_index(module: cst.Module) -> int:
    import libcst as cst

    last = -1
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.SimpleStatementLine) and any(
            isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
        ):
            last = index
    return last


def _ensure_import(module: cst.Module, origin: str, name: str, alias: str) -> tuple[cst.Module, str]:
    """Import `name` from `origin` (as `alias`); returns the module and the local name in use."""
    import libcst as cst

    for existing_origin, existing_name, local in _imports(module):
        if (existing_origin, existing_name) == (origin, name):
            return module, local
    taken = _bound_names_of(module) | {n for n in map(_defined_name, module.body) if n is not None}
    if alias in taken:  # e.g. a route `health` next to the app's own `health_router`
        alias = f"{origin.replace('.', '_')}_{name}"
    text = f"from {origin} import {name}" + (f" as {alias}" if alias != name else "") + "\n"
    return _insert_import(module, cst.parse_statement(text)), alias


def _insert_import(
    module: cst.Module, statement: cst.SimpleStatementLine | cst.BaseCompoundStatement
) -> cst.Module:
    """`statement` after the module's last import (after its docstring when it has none)."""
    index = _last_import_index(module) + 1
    if index == 0 and module.body and _is_docstring(module.body[0]):
        index = 1
    body = list(module.body)
    body.insert(index, statement)
    return module.with_changes(body=body)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    import libcst as cst

    return (
        isinstance(statement, cst.SimpleStatementLine)
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _assigned_name(statement: cst.BaseStatement) -> str | None:
    """The name a top-level `NAME = ...` / `NAME: T = ...` statement assigns, if any."""
    import libcst as cst

    if not isinstance(statement, cst.SimpleStatementLine):
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target: cst.BaseExpression = small.targets[0].target
    elif isinstance(small, cst.AnnAssign) and small.value is not None:
        target = small.target
    else:
        return None
    return target.value if isinstance(target, cst.Name) else None


def _included_router(
    statement: cst.BaseStatement, registry: str, method: str = "include_router"
) -> str | None:
    """`X` for a `registry.include_router(X, ...)` statement (or another `method`), else None."""
    import libcst as cst

    if not isinstance(statement, cst.SimpleStatementLine) or not isinstance(statement.body[0], cst.Expr):
        return None
    call = statement.body[0].value
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and isinstance(call.func.value, cst.Name)
        and call.func.value.value == registry
        and call.func.attr.value == method
        and call.args
    ):
        return None
    first = call.args[0].value
    return first.value if isinstance(first, cst.Name) else None


def register_router(source: str, *, path: str, origin: str, alias: str, registry: str = "api_router") -> str:
    """Make `path` import `router` from `origin` and include it in `registry`."""
    import libcst as cst

    module = _parse(source, path)
    if not any(_assigned_name(statement) == registry for statement in module.body):
        raise EditError(
            f"{path} no longer defines `{registry} = APIRouter(...)`: restore it, or include"
            f" `{alias}` from {origin} by hand"
        )
    module, local = _ensure_import(module, origin, "router", alias)
    included = [_included_router(statement, registry) for statement in module.body]
    if local in included:
        return module.code
    anchors = [i for i, name in enumerate(included) if name is not None]
    if not anchors:
        anchors = [i for i, statement in enumerate(module.body) if _assigned_name(statement) == registry]
    body = list(module.body)
    body.insert(anchors[-1] + 1, cst.parse_statement(f"{registry}.include_router({local})\n"))
    return module.with_changes(body=body).code


def retarget_router(
    source: str, *, path: str, old_origin: str, origin: str, alias: str, registry: str = "api_router"
) -> str:
    """Make `registry` include `router` from `origin` where it included the one from `old_origin`:
    only the import changes, so the include line keeps its place (a resource forked in a version)."""
    retargeted = _retarget_import(source, path=path, old_origin=old_origin, origin=origin, name="router")
    if retargeted is None:  # not (or no longer) included: include the new one
        return register_router(source, path=path, origin=origin, alias=alias, registry=registry)
    return retargeted


def retarget_blueprint(
    source: str, *, path: str, old_origin: str, origin: str, name: str, alias: str, registry: str
) -> str:
    """`retarget_router` for a blueprint: `registry` registers `name` from `origin` where it
    registered the one from `old_origin`; only the import changes."""
    retargeted = _retarget_import(source, path=path, old_origin=old_origin, origin=origin, name=name)
    if retargeted is None:
        return register_blueprint(source, path=path, origin=origin, name=name, alias=alias, registry=registry)
    return retargeted


def _retarget_import(source: str, *, path: str, old_origin: str, origin: str, name: str) -> str | None:
    """`from old_origin import name [as x]` becomes `from origin import name [as x]` (None when
    the module does not import it)."""
    module = _parse(source, path)
    local = next((local for o, n, local in _imports(module) if (o, n) == (old_origin, name)), None)
    if local is None:
        return None
    body: list[cst.BaseStatement] = []
    for statement in module.body:
        kept = _without_import(module, statement, old_origin, name)
        if kept is not None:
            body.append(kept)
    module, _ = _ensure_import(module.with_changes(body=body), origin, name, local)
    return module.code


def _without_import(
    module: cst.Module, statement: cst.BaseStatement, origin: str, name: str
) -> cst.BaseStatement | None:
    """The statement minus `from origin import name [as x]` (None when nothing is left of it)."""
    import libcst as cst

    if not isinstance(statement, cst.SimpleStatementLine):
        return statement
    smalls: list[cst.BaseSmallStatement] = []
    for small in statement.body:
        if (
            isinstance(small, cst.ImportFrom)
            and small.module
            and not isinstance(small.names, cst.ImportStar)
            and module.code_for_node(small.module) == origin
        ):
            names = [a for a in small.names if module.code_for_node(a.name) != name]
            if not names:
                continue
            last = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            small = small.with_changes(names=[*names[:-1], last])
        smalls.append(small)
    return statement.with_changes(body=smalls) if smalls else None


def register_model(source: str, *, path: str, origin: str, name: str) -> str:
    """Make `path` import the model `name` from `origin` and list it in `__all__`."""
    import libcst as cst

    module, local = _ensure_import(_parse(source, path), origin, name, name)
    body = list(module.body)
    for index, statement in enumerate(body):
        assignment = _all_assignment(statement)
        if assignment is not None:
            names = _string_list(module, assignment)
            if names is None:
                raise EditError(f"{path}: `__all__` must stay a list of strings; add {name!r} by hand")
            if local in names:
                return module.code
            # Replace only the list: comments, blank lines and an annotation stay as they are.
            value = cst.parse_expression(_list_literal(sorted({*names, local}, key=_isort_key)))
            assert isinstance(statement, cst.SimpleStatementLine)
            small = statement.body[0]
            assert isinstance(small, cst.Assign | cst.AnnAssign)
            body[index] = statement.with_changes(body=[small.with_changes(value=value), *statement.body[1:]])
            break
    else:
        body.append(cst.parse_statement(f"__all__ = {_list_literal([local])}\n"))
    return module.with_changes(body=body).code


def _isort_key(name: str) -> tuple[int, list[tuple[int, str]]]:
    """`__all__` in the order ruff's RUF022 keeps it: SCREAMING_SNAKE_CASE, then CamelCase, then
    the rest; natural order within each (`Probe2` before `Probe10`)."""
    import re

    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    parts = re.split(r"(\d+)", name)
    return kind, [(int(part), "") if part.isdigit() else (-1, part) for part in parts if part]


def _all_assignment(statement: cst.BaseStatement) -> cst.BaseExpression | None:
    """The value assigned to `__all__` by this statement, if it is such an assignment."""
    import libcst as cst

    if _assigned_name(statement) != "__all__":
        return None
    assert isinstance(statement, cst.SimpleStatementLine)
    small = statement.body[0]
    return small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None


def _string_list(module: cst.Module, node: cst.BaseExpression) -> list[str] | None:
    import ast

    try:
        value = ast.literal_eval(module.code_for_node(node))
    except (ValueError, SyntaxError):
        return None
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _list_literal(names: list[str]) -> str:
    if len(names) <= 3:
        return "[" + ", ".join(f'"{n}"' for n in names) + "]"
    return "[\n" + "".join(f'    "{n}",\n' for n in names) + "]"


def append_definitions(source: str, *, path: str, fragment: str, module_name: str | None = None) -> str:
    """Merge a rendered module (`fragment`) into `path`: each class or function it defines is
    appended unless the file already defines that name, with the imports those definitions use.

    One shared module holding every model (seed 002's `db_sql/models.py`) grows this way. Templates
    import generously (ruff drops the rest from files layerkit writes whole); a shared file keeps
    every import it has, so only the used ones join it. The fragment's docstring and its
    `if TYPE_CHECKING:` blocks are dropped: in one module the names are local. So are its imports
    from `module_name`, the module being merged into (a file that holds several roles)."""
    import libcst as cst

    module = _parse(source, path)
    piece = _parse(fragment, f"the template for {path}")
    defined = {name for name in map(_defined_name, module.body) if name is not None}
    imports: list[cst.SimpleStatementLine] = []
    appended: list[cst.BaseStatement] = []
    for statement in piece.body:
        if _is_docstring(statement) or _is_type_checking_block(statement):
            continue
        if _is_import(statement):
            assert isinstance(statement, cst.SimpleStatementLine)
            imports.append(statement)
            continue
        name = _defined_name(statement)
        if name in defined or (name is None and _has_statement(module, statement)):
            continue
        appended.append(statement)
    used = _used_names(appended)
    for statement in imports:
        single = cst.Module(body=[statement])
        for origin, name, alias in _imports(single):
            if alias in used and origin != module_name:
                module, _ = _ensure_import(module, origin, name, alias)
        names = _bound_names(statement)  # of an `import x as y`
        if names & used and not names <= _bound_names_of(module):
            module = _insert_import(module, statement)
    return module.with_changes(body=[*module.body, *appended]).code


def _used_names(statements: list[cst.BaseStatement]) -> set[str]:
    """The names these statements read: plain names, attribute roots (`sa` of `sa.String`) and
    the names inside quoted annotations (`Mapped["Author | None"]`)."""
    import libcst as cst

    found: set[str] = set()

    class Reader(cst.CSTVisitor):
        annotations = 0  # > 0 inside an annotation, where a string is a forward reference

        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)  # not `.attr`: `sa.String` does not use a name `String`
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            node.value.visit(self)  # not the keyword: `relationship(lazy=...)` uses no `lazy`
            return False

        def visit_Annotation(self, node: cst.Annotation) -> None:
            self.annotations += 1

        def leave_Annotation(self, original_node: cst.Annotation) -> None:
            self.annotations -= 1

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            text = node.evaluated_value
            if self.annotations and isinstance(text, str):
                with contextlib.suppress(cst.ParserSyntaxError):  # else not a forward reference
                    cst.parse_expression(text).visit(self)

    for statement in statements:
        statement.visit(Reader())
    return found


def _bound_names_of(module: cst.Module) -> set[str]:
    """Every local name the module's top-level imports bind."""
    import libcst as cst

    names = {local for _, _, local in _imports(module)}
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            names |= _bound_names(statement)
    return names


def _bound_names(statement: cst.SimpleStatementLine) -> set[str]:
    """The local names an `import a.b [as c]` statement binds."""
    import libcst as cst

    names = set()
    for small in statement.body:
        if isinstance(small, cst.Import):
            for alias in small.names:
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    names.add(alias.asname.name.value)
                else:
                    names.add(cst.Module(body=[]).code_for_node(alias.name).split(".")[0])
    return names


def _is_import(statement: cst.BaseStatement) -> bool:
    import libcst as cst

    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _has_statement(module: cst.Module, statement: cst.BaseStatement) -> bool:
    code = module.code_for_node(statement).strip()
    return any(module.code_for_node(existing).strip() == code for existing in module.body)


def _is_type_checking_block(statement: cst.BaseStatement) -> bool:
    import libcst as cst

    return (
        isinstance(statement, cst.If)
        and isinstance(statement.test, cst.Name)
        and statement.test.value == "TYPE_CHECKING"
    )


def _defined_name(statement: cst.BaseStatement) -> str | None:
    import libcst as cst

    if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
        return statement.name.value
    return _assigned_name(statement)


def register_blueprint(
    source: str, *, path: str, origin: str, name: str, alias: str, registry: str, function: str | None = None
) -> str:
    """Make `path` import the blueprint `name` from `origin` (as `alias`) and register it on
    `registry`: a module-level blueprint, or one assigned inside the function `function`
    (an application factory's `app`)."""
    import libcst as cst

    module = _parse(source, path)
    module, local = _ensure_import(module, origin, name, alias)
    owner = None if function is None else _function(module, function)
    body: Sequence[cst.BaseStatement] = ()
    if owner is None and function is None:
        body = module.body
    elif owner is not None and isinstance(owner.body, cst.IndentedBlock):
        body = owner.body.body
    if not any(_assigned_name(statement) == registry for statement in body):
        where = f"{path}: `{function}()`" if function else path
        raise EditError(
            f"{where} no longer assigns `{registry} = ...Blueprint(...)`: restore it, or"
            f" register `{alias}` from {origin} by hand"
        )
    statements = list(body)
    registered = [_included_router(statement, registry, "register_blueprint") for statement in statements]
    if local in registered:
        return module.code
    anchors = [i for i, found in enumerate(registered) if found is not None]
    if not anchors:
        anchors = [i for i, statement in enumerate(statements) if _assigned_name(statement) == registry]
    statements.insert(anchors[-1] + 1, cst.parse_statement(f"{registry}.register_blueprint({local})\n"))
    if owner is None:
        return module.with_changes(body=statements).code
    assert isinstance(owner.body, cst.IndentedBlock)
    changed = owner.with_changes(body=owner.body.with_changes(body=statements))
    return module.with_changes(body=[changed if s is owner else s for s in module.body]).code


def import_in_function(source: str, *, path: str, function: str, origin: str, name: str) -> str:
    """Make the function `function` of `path` import `name` from `origin` (seed 001's `init_db()`,
    which imports every model so that the metadata knows every table): after the function's
    docstring and imports, once."""
    import libcst as cst

    module = _parse(source, path)
    owner = _function(module, function)
    if owner is None or not isinstance(owner.body, cst.IndentedBlock):
        raise EditError(
            f"{path} no longer defines `{function}()`: restore it, or import {name} from {origin} by hand"
        )
    statements = list(owner.body.body)
    inner = cst.Module(body=[s for s in statements if isinstance(s, cst.SimpleStatementLine)])
    if any((found, imported) == (origin, name) for found, imported, _ in _imports(inner)):
        return module.code
    index = 1 if statements and _is_docstring(statements[0]) else 0
    index = max([index, *(i + 1 for i, s in enumerate(statements) if _is_import(s))])
    line = cst.parse_statement(f"from {origin} import {name}  # noqa: F401  (registers its table)\n")
    statements.insert(index, line)
    changed = owner.with_changes(body=owner.body.with_changes(body=statements))
    return module.with_changes(body=[changed if s is owner else s for s in module.body]).code


def _function(module: cst.Module, name: str) -> cst.FunctionDef | None:
    import libcst as cst

    for statement in module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement
    return None


def _included(source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return register_router(
        source, path=path, origin=params["origin"], alias=params["alias"], registry=params["registry"]
    )


def _blueprint(source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return register_blueprint(
        source,
        path=path,
        origin=params["origin"],
        name=params["name"],
        alias=params["alias"],
        registry=params["registry"],
        function=params.get("function"),
    )


def _exported(source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return register_model(source, path=path, origin=params["origin"], name=params["name"])


def _imported_in_function(source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    return import_in_function(
        source, path=path, function=params["function"], origin=params["origin"], name=params["name"]
    )


def _appended(source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str:
    assert fragment is not None, "append_definitions renders its `template`"
    return append_definitions(source, path=path, fragment=fragment)


def _retargeted(source: str, *, path: str, old: dict[str, str], new: dict[str, str]) -> str:
    return retarget_router(
        source,
        path=path,
        old_origin=old["origin"],
        origin=new["origin"],
        alias=new["alias"],
        registry=new["registry"],
    )


def _retargeted_blueprint(source: str, *, path: str, old: dict[str, str], new: dict[str, str]) -> str:
    return retarget_blueprint(
        source,
        path=path,
        old_origin=old["origin"],
        origin=new["origin"],
        name=new["name"],
        alias=new["alias"],
        registry=new["registry"],
    )


class Strategy(Protocol):
    def __call__(self, source: str, *, path: str, params: dict[str, str], fragment: str | None) -> str: ...


# Registration strategies by name (layouts name them in their `registrations`).
STRATEGIES: dict[str, Strategy] = {
    "include_router": _included,
    "register_blueprint": _blueprint,
    "export_model": _exported,
    "append_definitions": _appended,
    "import_in_function": _imported_in_function,
}


class Swap(Protocol):
    def __call__(self, source: str, *, path: str, old: dict[str, str], new: dict[str, str]) -> str: ...


# How a registration in a version's file moves to a fork of the resource (`generate version
# --fork`): the registration's strategy with the resource's own code -> with the fork's.
SWAPS: dict[str, Swap] = {"include_router": _retargeted, "register_blueprint": _retargeted_blueprint}
