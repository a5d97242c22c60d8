"""NFX209: a websockets requirement that admits releases the project's code breaks on.

A project rule: each module says what it needs of the release installed (a module
that exists from 13.0, an attribute from 14.1, a module gone in 17.0: FACTS.md section 3,
"Landmarks"; :func:`module_needs`, from the facts, no I/O), and the command line hands
the needs of a project's modules to the check of the requirement file they answer to
(:func:`floor_findings`). A need guarded where it stands (``try: ... except
ImportError``, an import under ``if``, a read under ``hasattr``) is no need.
"""

from __future__ import annotations

import functools
import os
import re
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from ..context import RuleContext
from ..facts import ASYNC_WITH, SEND_TEXT, AttributeRead, KeywordCall, ModuleFacts, NameUse, Scope, resolve
from ..model import SAFE, Finding, Fix, Need, Related, ReplaceText
from ..package_tls import without_comments
from ..project import allowed_sides
from .base import Invalid, Rule, register
from .connection_origin import ALIAS, SWITCH, ConnectionOrigins
from .value_origin import ValueOrigins
from .websockets_arguments import SERVE_ONLY, implementations, taken_from
from .websockets_early_close import HANDSHAKE_WINDOW, early_close_needs
from .websockets_elsewhere import class_tests
from .websockets_pins import RequirementText, requirement_texts
from .websockets_reach import (
    CATCHES_STATUS_CODE,
    CONNECT_ONLY,
    DEFAULT_CLIENTS,
    INVALID_STATUS,
    LEGACY_CLIENTS,
    NEW_CLIENTS,
    STATUS_CODE_CLASSES,
    bound_elsewhere,
    client,
    import_switch,
    landmark,
    new_only_status_clauses,
    protocol_broken,
    protocol_floor,
    reaches_only,
)

if TYPE_CHECKING:  # pragma: no cover
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

CODE, NAME = "NFX209", "websockets-floor"

#: The new connection's attributes from 14.1, and ``max_queue=None`` (14.0 crashes).
FROM_14_1 = ("close_code", "close_reason")
#: The new connection's opening handshake (``ws.request.headers``, ``ws.response``): the
#: legacy connection has none (``request_headers``, ``path``).
HANDSHAKE = ("request", "response")
#: ``connect(proxy=...)`` (both new clients) is taken from 15.0.
PROXY_BELOW = "<15.0"


def module_needs(context: RuleContext, path: str) -> List[Need]:
    """What the module's code needs of the websockets release installed."""
    facts = context.facts
    needs: List[Need] = []
    for use in facts.websockets_names:
        fallback = ""
        if use.guarded:
            if not _fallback_only_stands_in(facts, use):
                continue
            fallback = "; where it fails, the `except ImportError` fallback runs as if websockets were missing"
        qualname = use.dotted if use.import_ else resolve(facts, use.scope, use.dotted).qualname or ""
        found = landmark(qualname)
        if found is not None and found[0] == "websockets.protocol":
            if protocol_floor(qualname, use.import_, use.from_package):
                broken, why = protocol_broken(qualname)
                needs.append(Need(f"`{found[0]}`", path, use.span.line, broken, why + fallback))
        elif found is not None and not _stopped_before(use, found[1]):
            needs.append(Need(f"`{found[0]}`", path, use.span.line, found[1], found[2] + fallback))
    needs.extend(_connection_needs(context, path))
    needs.extend(_handler_needs(context, path))
    needs.extend(early_close_needs(context, path))
    if "InvalidStatus" in "\n".join(facts.lines):
        # NFX202's mirror: ``except InvalidStatus`` around the top-level connect.
        for handler, caught in new_only_status_clauses(context, reaches_only(DEFAULT_CLIENTS, LEGACY_CLIENTS)):
            spelled = caught.expr.dotted or bound_elsewhere(caught, "InvalidStatus")[0]
            clause = f"`except {spelled}` around `websockets.connect`"
            why = "matches a refused handshake from 14.0 (before it, the legacy client raises InvalidStatusCode)"
            needs.append(Need(clause, path, handler.span.line, "<14.0", why))
        needs.extend(_status_test_needs(context, path))
    return needs


def _status_test_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """NFX203's mirror: ``isinstance(exc, InvalidStatus)`` (or ``pytest.raises``) in a
    module whose only client is the top-level connect, with nothing beside it that matches
    InvalidStatusCode: before 14.0 that client raises InvalidStatusCode, which the test
    never matches (respan-redteam's retry predicate retries a 401). Written for both, and
    not counted: a module that names InvalidStatusCode anywhere (in a string too:
    ``getattr(websockets.exceptions, "InvalidStatusCode", None)``) or stops itself below
    14.0, and a test whose function reads the tested object's ``.status_code`` /
    ``.headers`` outside it (the legacy class's spelling). An ImportError switch to
    ``websockets.asyncio.client`` is the new client from 13.0."""
    facts, spec = context.facts, context.websockets_spec
    tests = list(class_tests(facts, INVALID_STATUS, CATCHES_STATUS_CODE))
    if not tests or "InvalidStatusCode" in without_comments("\n".join(facts.lines)):
        return
    if facts.websockets_stop and _numbers(facts.websockets_stop) >= (14,):
        return
    module = facts.module_scope
    if any(resolve(facts, module, use).qualname in STATUS_CODE_CLASSES for use in facts.attribute_uses):
        return  # (``we.InvalidStatusCode`` read anywhere)
    calls = [(s, call, client(facts, s, call, spec)) for s in facts.scopes for call in s.calls if call[0] != "?"]
    clients = {named for _, _, named in calls}
    if not clients & DEFAULT_CLIENTS or clients & (NEW_CLIENTS | LEGACY_CLIENTS):
        return
    switched = all(import_switch(facts, s, call, spec) for s, call, named in calls if named in DEFAULT_CLIENTS)
    broken, since = (
        ("<13.0", "13.0, where the ImportError switch takes the new client") if switched else ("<14.0", "14.0")
    )
    why = f"matches a refused handshake of `websockets.connect` from {since} (before it, the legacy client raises InvalidStatusCode)"
    for call, function, _, _, dead in tests:
        subject = call.args[0].dotted if call.args and function == "builtins.isinstance" else None
        if subject and call.scope.status_reads.get(subject, 0) > call.region_reads:
            continue  # it reads the legacy spelling too
        spelled = dead.expr.dotted or "InvalidStatus"
        test = f"`isinstance(..., {spelled})`" if function == "builtins.isinstance" else f"`pytest.raises({spelled})`"
        yield Need(test, path, call.span.line, broken, why)


def _stopped_before(use: NameUse, broken: str) -> bool:
    """The import breaks only below a release (``broken`` "<13.0") the module has already
    stopped itself on (``if websockets_version < (13, 0): raise ImportError``)."""
    match = re.fullmatch(r"<(\d+(?:\.\d+)*)", broken)
    if not use.stopped_below or match is None:
        return False
    return _numbers(match.group(1)) <= _numbers(use.stopped_below)


def _numbers(version: str) -> Tuple[int, ...]:
    """ "13.0" as (13,): comparable with "13" (packaging is loaded only when needed)."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _fallback_only_stands_in(facts: ModuleFacts, use: NameUse) -> bool:
    """An import guarded only by a ``try`` whose ImportError fallback binds the name by no
    import of its own (it raises, sets None, defines a stub): not a switch between
    releases, so on a release that lacks the name the feature is lost as if websockets
    were not installed (``from websockets import ClientConnection`` with stubs after).
    A fallback that uses websockets otherwise (``websockets.connect`` of a module
    imported before the ``try``) is a switch too."""
    if use.fallback is None or not use.import_ or not use.bound or use.fallback in facts.switching_fallbacks:
        return False
    body, handler = (use.fallback, "body"), (use.fallback, "handler")
    for name, bindings in use.scope.bindings.items():
        for b in bindings:
            if b.shim != handler:
                continue
            if b.kind == "import" and (name == use.bound or (b.target or "").startswith("websockets")):
                return False  # the name from elsewhere, or websockets' older spelling: a switch
            if b.kind == "assign" and not any(o.shim == body and o.kind == "import" for o in bindings):
                return False  # a flag the code branches on (``HAS_ASYNCIO = False``), no stand-in
    return True


def _state_read_before(context: RuleContext, read: AttributeRead) -> bool:
    """The code of ``read``'s function reads ``.state`` of the same receiver before it
    (``getattr(ws, "state", None)`` first, ``getattr(ws, "close_code", ...)`` as the
    fallback) or on the read's own lines (``getattr(ws, "close_code", None) is None and
    ws.state.name == "OPEN"``): it tells the implementations apart, and 14.0's new
    connection has a state. Comments and strings are not code."""
    target = read.scope.target
    start = target.span.line if target is not None and read.scope.kind != "module" else 1
    code = without_comments("\n".join(context.facts.lines[start - 1 : read.span.end_line]))
    receiver = re.escape(read.receiver)
    return re.search(rf"(?<![\w.]){receiver}\.state\b|getattr\(\s*{receiver}\s*,\s*[\"']state[\"']", code) is not None


def _connection_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """``close_code`` / ``close_reason`` on a new connection, ``max_queue=None`` on a new
    connect or serve: from 14.1. Made by a top-level name, only 14.0 breaks (before it,
    the legacy implementation has them)."""
    facts = context.facts
    # (A ``hasattr`` test is no use: it is how code tells the connections apart.)
    reads = [r for r in facts.connection_reads if r.attribute in FROM_14_1 + HANDSHAKE and not r.through_hasattr]
    if reads:
        origins = context.view(ConnectionOrigins)
        for read in reads:
            if read.through_getattr and _state_read_before(context, read):
                continue  # it reads the connection's ``.state`` first: both kinds on purpose (drazill)
            found = origins.of_name(read.scope, read.receiver, 0)
            if found.verdict == "new":
                use = f"`{read.receiver}.{read.attribute}`"
                if read.through_getattr:  # the default stands in for the missing attribute
                    use = f"`getattr({read.receiver}, {read.attribute!r}, ...)`"
                if read.attribute in HANDSHAKE:
                    # (Through getattr, the default is the legacy connection's answer.)
                    if found.detail == ALIAS and not read.through_getattr:  # legacy before 14.0
                        yield Need(use, path, read.span.line, "<14.0", "exists on the new connection only (14.0)")
                    elif found.detail == SWITCH and not read.through_getattr:  # legacy before 13.0
                        why = "exists on the new connection only, the switch's from 13.0"
                        yield Need(use, path, read.span.line, "<13.0", why)
                elif found.detail == ALIAS:
                    yield Need(use, path, read.span.line, "==14.0.*", "is missing on 14.0's new connection")
                elif found.detail == SWITCH:  # the legacy connection before 13.0 has it
                    why = "is missing on the new connection before 14.1, the switch's from 13.0"
                    yield Need(use, path, read.span.line, ">=13.0,<14.1", why)
                else:
                    yield Need(use, path, read.span.line, "<14.1", "works on the new connection from 14.1")
    yield from _use_needs(context, path)
    sides = {"legacy", "new"}
    resolved = [
        (call, client(facts, call.scope, call.func.dotted, context.websockets_spec))
        for call in facts.keyword_calls
        if call.func.dotted
    ]
    spelled: Dict[Tuple[int, str], Set[str]] = {}  # as NFX205: both spellings in a scope are on purpose
    for call, qualname in resolved:
        spelled.setdefault((id(call.scope), qualname), set()).update(k.name for k in (*call.keywords, *call.spread))
    for call, qualname in resolved:
        # A key of a dict spread into the call (``**options``) may be passed: it counts.
        passed = (*call.keywords, *call.spread)
        kind, runs = implementations(qualname, sides)
        if kind and runs == sides and allowed_sides(context.websockets_spec) == sides:
            # The top-level connect / serve is the new implementation from 14.0: an
            # argument only it takes (``additional_headers=``) needs 14.0. (NFX205 says the
            # call fails before; this floor is its fix. A project held below 14.0 has its
            # fix in the code: NFX205's rename.)
            table = CONNECT_ONLY if kind == "connect" else SERVE_ONLY
            for keyword in passed:
                belongs, other = table.get(keyword.name, ("", ""))
                if belongs == "new" and not (other and other in spelled[(id(call.scope), qualname)]):
                    use = f"`{call.func.dotted}({keyword.name}=...)`"
                    yield Need(use, path, call.span.line, "<14.0", "is taken from 14.0 (the new implementation)")
        if kind == "serve" and runs == sides and allowed_sides(context.websockets_spec) == sides:
            yield from _new_process_request(context, path, call)
        if kind == "connect" and "new" in runs and any(k.name == "proxy" for k in passed):
            # Neither implementation takes ``proxy=`` before 15.0: it goes on to the
            # socket's or the loop's create_connection, a TypeError.
            use = f"`{call.func.dotted}(proxy=...)`"
            yield Need(use, path, call.span.line, PROXY_BELOW, "is taken from 15.0")
        for keyword in passed:
            since = taken_from(qualname, keyword.name)
            if since:
                use = f"`{call.func.dotted}({keyword.name}=...)`"
                yield Need(use, path, call.span.line, f"<{since}", f"is taken from {since}")
        if kind and "new" in runs and any(k.name == "max_queue" and k.value == "None" for k in call.keywords):
            use = f"`{call.func.dotted}(max_queue=None)`"
            if runs == {"new"}:
                yield Need(use, path, call.span.line, "<14.1", "works on the new implementation from 14.1")
            else:
                yield Need(use, path, call.span.line, "==14.0.*", "crashes 14.0's new implementation")


def _use_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """``ws.send(msg, text=True)`` on a new connection: its ``send`` takes ``text=`` from
    14.0 (13.x's new connection and the legacy one take the message alone: TypeError).
    ``async with ws:`` on a connection made by the top-level ``connect`` (``ws = await
    websockets.connect(uri)``): before 14.0 that is the legacy connection, which is no
    async context manager (only its ``connect(...)`` is): TypeError. Measured on 12.0 to
    14.0's sources (FACTS.md section 3)."""
    uses = context.facts.connection_uses
    if not uses:
        return
    origins = context.view(ConnectionOrigins)
    for use in uses:
        found = origins.of_name(use.scope, use.receiver, 0)
        if found.verdict != "new":
            continue
        made = found.why.split(", the new implementation")[0]
        if use.attribute == SEND_TEXT:
            spelled = f"`{use.receiver}.send(..., text=...)`"
            yield Need(spelled, path, use.span.line, "<14.0", f"is taken from 14.0 ({made})")
        elif use.attribute == ASYNC_WITH and found.detail in (ALIAS, SWITCH) and found.awaited:
            # (Not awaited, ``websockets.connect(uri)`` is the legacy ``Connect``, which is.
            # The new clients' own modules exist from 13.0, whose connections have it.)
            spelled = f"`async with {use.receiver}:`"
            since, which = ("14.0", "the top-level connect's") if found.detail == ALIAS else ("13.0", "the switch's")
            why = f"needs the new connection, {which} from {since} ({made})"
            yield Need(spelled, path, use.span.line, f"<{since}", why)


#: The legacy ``serve`` calls a connection handler with the connection alone from 10.1
#: (before, always with the request path too).
ONE_ARGUMENT_FROM = "10.1"
LEGACY_SERVES = frozenset(
    f"websockets.{module}.{name}" for module in ("server", "legacy.server") for name in ("serve", "unix_serve")
)


def _handler_needs(context: RuleContext, path: str) -> Iterator[Need]:
    """A handler of the module's own that takes the connection alone (``async def
    handler(websocket)``, ``lambda ws: ...``), given to a ``serve`` that is the legacy
    one on some release (the top-level name before 14.0): before 10.1 every connection
    fails with TypeError (given two positional arguments)."""
    facts = context.facts
    walker = context.view(ValueOrigins)
    for call in facts.keyword_calls:
        if not call.func.dotted or call.partial_args >= 0:  # a partial may take the path
            continue
        qualname = client(facts, call.scope, call.func.dotted)
        kind, runs = implementations(qualname, {"legacy", "new"})
        if qualname not in LEGACY_SERVES and (kind != "serve" or "legacy" not in runs):
            continue
        # (``handler=`` is the new serve's keyword: the legacy one takes ``ws_handler=``.)
        handler = call.first_arg or next((k.value for k in call.keywords if k.name == "ws_handler"), None)
        function = walker.own_function(call.scope, handler) if handler else call.first_lambda
        if function is None or function.varargs or function.decorated:
            continue
        own = function.params[1:] if function.self_name is not None else function.params
        if len(own) == 1 and not _overridden(facts, function):
            shown = f"{handler}({own[0]})" if handler else f"lambda {own[0]}: ..."
            yield Need(
                f"`{shown}` given to `{call.func.dotted}`",
                path,
                call.span.line,
                f"<{ONE_ARGUMENT_FROM}",
                "takes the connection alone, which the legacy serve allows from 10.1 (before, it passes the path too)",
            )


def _overridden(facts: ModuleFacts, function: Scope) -> bool:
    """A method that another class of the module defines again (a subclass's override
    may take the path too): which one runs is not known here."""
    if function.self_name is None or function.name is None:
        return False
    return sum(function.name in scope.children for scope in facts.scopes if scope.kind == "class") > 1


#: What the new implementation's ``process_request`` returns: a ``Response`` (defined in
#: ``websockets.http11``; the server modules and, from 14.2, the top level re-export it),
#: or what ``connection.respond(...)`` makes.
NEW_RESPONSES = frozenset(
    f"websockets.{module}Response" for module in ("http11.", "", "server.", "asyncio.server.", "sync.server.")
)


def _new_process_request(context: RuleContext, path: str, call: KeywordCall) -> Iterator[Need]:
    """A ``process_request`` of the module that answers with the new implementation's
    ``Response`` (``Response(...)``, ``connection.respond(...)``), given to the top-level
    ``serve``: before 14.0, the legacy serve unpacks what it returns into an HTTP status,
    headers and body (TypeError, a 500 for every request it answers). Only when every
    answer it returns is one (``None`` aside): a tuple, a name or a helper's result may be
    the legacy answer of code written for both."""
    facts = context.facts
    keyword = next((k for k in call.keywords if k.name == "process_request"), None)
    callback = context.view(ValueOrigins).own_function(call.scope, keyword.value) if keyword else None
    if keyword is None or callback is None or not callback.returns:
        return
    params = callback.params[1:] if callback.self_name else callback.params
    first = params[0] if params else None
    answers = [origin for origin in callback.returns if not origin.none]
    new = [
        origin.call
        and (origin.call == f"{first}.respond" or resolve(facts, callback, origin.call).qualname in NEW_RESPONSES)
        for origin in answers
    ]
    if new and all(new):
        use = f"`{call.func.dotted}(process_request={keyword.value})`"
        why = "answers with the new implementation's `Response`, which the legacy serve before 14.0 cannot unpack"
        yield Need(use, path, call.span.line, "<14.0", why)


# -- the requirement side ----------------------------------------------------------------


#: The minor releases of websockets up to 17.4 (PyPI, 2026-12-07).
RELEASED_MINORS = (
    *(f"{major}.{minor}" for major, last in ((10, 4), (13, 1), (14, 2), (16, 1), (17, 4)) for minor in range(last + 1)),
    "11.0",
    "12.0",
    "15.0",
)
#: The last release there was when RELEASED_MINORS was written: later ones are invented.
LAST_KNOWN = (17, 4)


@functools.cache
def _probes() -> Tuple[Version, ...]:
    """Releases to test a specifier with: the releases before 10.0 (``websockets<10``
    pins them), the minor releases from 10.0 that exist, then invented ones after 17.4,
    future majors included (a resolver may pick one). (An invented 13.2 would sit in a
    window of releases a need excludes with ``!=13.1.*``.)"""
    from packaging.version import Version

    # Minor releases only, and the patch releases that exist (an invented 14.0.1 would
    # keep ``!=14.0`` from excluding 14.0).
    old = ("7.0", "8.0", "8.0.1", "8.0.2", "8.1", "9.0", "9.0.1", "9.0.2", "9.1")
    patches = ("11.0.1", "11.0.2", "11.0.3", "13.0.1", "15.0.1", "16.1.1", "17.0.1")
    future = (f"{major}.{minor}" for major in range(17, 40) for minor in range(12) if (major, minor) > LAST_KNOWN)
    return tuple(sorted(map(Version, (*old, *RELEASED_MINORS, *future, *patches))))


def _admits(specifier: SpecifierSet, broken: str) -> bool:
    from packaging.specifiers import SpecifierSet

    bad = SpecifierSet(broken)
    return any(specifier.contains(v) and bad.contains(v) for v in _probes())


_CLAUSE = re.compile(r"(===|==|~=|!=|<=|>=|<|>)(\s*)(\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*(?:\.\*)?)")
_NAME = re.compile(r"\s*[A-Za-z0-9._-]+\s*(?:\[[^\]]*\])?")


def floor_findings(text: str, path: str, needs: Sequence[Need], floored: Optional[bool] = None) -> List[Finding]:
    """NFX209 on each websockets requirement of a requirement file that admits a release
    one of ``needs`` breaks on. ``floored``: whether the install the file describes
    states a floor (``project.install_floor``; None: read from ``text`` alone)."""
    if not needs:
        return []
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    findings = []
    reqs = list(requirement_texts(text, path))
    if floored is None:
        floored = any(_floored(req.specifier) for req in reqs)
    for req in reqs:
        try:
            specifier = SpecifierSet(req.specifier)
        except InvalidSpecifier:
            continue
        # No floor (bare ``websockets``, ``<16``) admits every older release: pip keeps
        # one that is installed already, where a stated floor would have upgraded it;
        # unless another line of the same install states one (``-r`` / ``-c`` files,
        # the main dependencies beside an extra). A build from a URL has no release.
        if "@" in req.text.split(";")[0] or (not _floored(req.specifier) and floored):
            continue
        hit = [n for n in needs if _admits(specifier, n.broken) and not _pinned_inside(specifier, n)]
        if not hit:
            continue
        new, why_not = _fixed(req, specifier, hit)
        fix = None
        if new is not None:
            fix = Fix(SAFE, f"Use `{new}`", (ReplaceText(req.line, req.col + 1, req.text, new),))
        findings.append(
            Finding(
                CODE,
                NAME,
                _message(req, path, hit, new, why_not),
                req.line,
                req.col + 1,
                req.line,
                req.col + 1 + len(req.text),
                path=path,
                fix=fix,
                related=tuple(Related(f"{need.use} {need.why}", need.line, need.path) for need in gather(hit)),
            )
        )
    return findings


def undeclared_findings(text: str, path: str, needs: Sequence[Need]) -> List[Finding]:
    """NFX209 on the requirement list of a project that leaves websockets out of it
    (``project.UNDECLARED``): whichever release the user or another dependency installed
    runs, so every need counts. Reported on the list's line, naming the requirement to
    add; no fix (which list, and where in it, is the project's choice)."""
    from packaging.specifiers import SpecifierSet

    every = SpecifierSet("")
    hit = [n for n in needs if _admits(every, n.broken)]
    if not hit:
        return []
    line = _list_line(text.splitlines(), os.path.basename(path))
    new, why_not = _fixed(RequirementText(line, 0, "websockets", ""), every, hit)
    says = "`websockets` is not among this project's requirements, so whichever release is installed runs: "
    add = f"; add `{new}`" if new is not None else f" (no fix: {why_not})"
    width = len(text.splitlines()[line - 1]) if text.splitlines() else 0
    related = tuple(Related(f"{need.use} {need.why}", need.line, need.path) for need in gather(hit))
    return [Finding(CODE, NAME, says + _parts(path, hit) + add, line, 1, line, width + 1, path=path, related=related)]


def _list_line(lines: List[str], name: str) -> int:
    """The line that lists a project's requirements: ``dependencies`` of ``[project]``
    (else its header), Poetry's dependency table, setup.cfg's ``install_requires``, a
    requirements file's first requirement; else the first line."""
    table = ""
    for number, line in enumerate(lines, 1):
        header = _TABLE_HEADER.match(line)
        if header is not None:
            table = header.group(1).replace('"', "").replace("'", "").strip()
            if name.endswith(".toml") and table == "tool.poetry.dependencies":
                return number
            continue
        if name.endswith(".toml") and table == "project" and _DEPENDENCIES_KEY.match(line):
            return number
        if name.endswith(".cfg") and table == "options" and _INSTALL_REQUIRES.match(line):
            return number
        if name.endswith(".txt") and line.strip() and not line.lstrip().startswith(("#", "-")):
            return number
    if name.endswith(".toml"):
        return next((n for n, line in enumerate(lines, 1) if _PROJECT_HEADER.match(line)), 1)
    return 1


_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
_PROJECT_HEADER = re.compile(r"^\s*\[\s*project\s*\]")
_DEPENDENCIES_KEY = re.compile(r"^\s*[\"']?dependencies[\"']?\s*=")
_INSTALL_REQUIRES = re.compile(r"^\s*install[_-]requires\s*=")


def _floored(specifier: str) -> bool:
    return any(c.group(1) in (">=", ">", "==", "===", "~=") for c in _CLAUSE.finditer(specifier))


def _message(req: RequirementText, path: str, hit: Sequence[Need], new: Optional[str], why_not: str) -> str:
    """What breaks where (paths from the requirement file's folder), and the fix."""
    says = f"`{req.text}` admits websockets releases this project's code breaks on: "
    instead = f"; use `{new}`" if new is not None else f" (no fix: {why_not})"
    return says + _parts(path, hit) + instead


def _parts(path: str, hit: Sequence[Need]) -> str:
    """What breaks where, paths from the requirement file's folder."""
    groups: Dict[Tuple[str, str], List[Need]] = {}
    for need in gather(hit):
        groups.setdefault((need.use, need.why), []).append(need)
    folder = os.path.dirname(os.path.abspath(path))
    parts = []
    for (use, why), found in sorted(groups.items(), key=lambda item: item[1][0].broken):
        places = ", ".join(f"{os.path.relpath(os.path.abspath(n.path), folder)}:{n.line}" for n in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        parts.append(f"{use} {why} ({places}{more})")
    return "; ".join(parts)


def _fixed(req: RequirementText, specifier: SpecifierSet, hit: Sequence[Need]) -> Tuple[Optional[str], str]:
    """The requirement text with its floor raised (or 14.0 excluded) so that no need
    breaks, keeping the rest; or None and why not."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    if any(_removal(need.broken) for need in hit):
        gone = sorted({need.use for need in hit if _removal(need.broken)})
        return None, f"{', '.join(gone)}: the code must change, or the requirement cap the release"
    if req.poetry:
        return None, "a Poetry constraint; raise its floor by hand"
    if req.hashed:
        return None, "the hashes pin its files; raise the floor and regenerate them"
    head, marker = _split_marker(req.text)
    clauses = list(_CLAUSE.finditer(head))
    if any(c.group(1) in ("==", "===", "~=") for c in clauses):
        return None, "the requirement pins its releases; choose one the code runs on"
    # (``<11.0,>=9.0``: a range below a release is raised past the same way.)
    floors = [Version(need.broken[1:].split(",")[0]) for need in hit if need.broken.startswith("<")]
    windows = [w for w in map(_window, (need.broken for need in hit)) if w is not None]
    for low, high in windows:
        if not _admits(specifier, f"<{low}"):
            floors.append(high)  # nothing older is allowed: raise the floor past the window
    new_head = head
    if floors:
        floor = max(floors)
        for low, high in sorted(windows):
            if low <= floor < high:
                floor = high  # a floor inside a window goes past it (``>=14.2``, not ``>=14.1,!=14.1.*``)
        new_head = _raise_floor(head, clauses, floor)
    for low, high in windows:
        # (Patch releases too: ``!=13.0`` leaves 13.0.1, which ``!=13.0.*`` excludes.)
        for release in _probes():
            if low <= release < high and SpecifierSet(_specifier_of(new_head)).contains(release):
                new_head = _add_clause(new_head, f"!={release.major}.{release.minor}.*")
    new = new_head + marker
    candidate = SpecifierSet(_specifier_of(new_head))
    keeps = [v for v in _probes() if candidate.contains(v)]
    if not keeps:
        return None, "no release it admits has what the code uses"
    if any(not specifier.contains(v) for v in keeps) or any(_admits(candidate, need.broken) for need in hit):
        return None, "no bound raised alone makes it right"
    return new, ""


def _pinned_inside(specifier: SpecifierSet, need: Need) -> bool:
    """A requirement that admits only 14.0 and 14.1 (``==14.1``, ``>=14,<14.2``), where
    a clause for a failed handshake breaks: NFX204 reports it, for every handshake the
    code makes."""
    from packaging.specifiers import SpecifierSet

    if not need.handshake:
        return False
    window = SpecifierSet(HANDSHAKE_WINDOW)
    admitted = [v for v in _probes() if specifier.contains(v)]
    return bool(admitted) and all(window.contains(v) for v in admitted)


def _removal(broken: str) -> bool:
    """A need broken from a release on (``>=17.0``: a name removed), not in a window."""
    return broken.startswith(">") and "," not in broken


def _window(broken: str) -> Optional[Tuple[Version, Version]]:
    """The releases from ``low`` up to ``high`` that a need breaks on, excluded by
    ``!=`` where older releases stay allowed: ``==14.0.*`` (14.0 to 14.1) or
    ``>=14.0,<14.2``."""
    from packaging.version import Version

    if broken.startswith("=="):
        low = Version(broken[2:].rstrip(".*"))
        return low, Version(f"{low.major}.{low.minor + 1}")
    if broken.startswith(">=") and ",<" in broken:
        low_text, high_text = broken[2:].split(",<")
        return Version(low_text), Version(high_text)
    return None


def _split_marker(text: str) -> Tuple[str, str]:
    index = text.find(";")
    if index < 0:
        return text, ""
    head = text[:index]
    stripped = head.rstrip()
    return stripped, text[len(stripped) :]


def _specifier_of(head: str) -> str:
    name = _NAME.match(head)
    return head[name.end() if name else 0 :].strip().strip("()")


def _raise_floor(head: str, clauses: List[re.Match[str]], floor: Version) -> str:
    lower = [c for c in clauses if c.group(1) in (">=", ">")]
    if lower:
        for clause in reversed(lower):
            if _version(clause.group(3)) < floor:
                head = head[: clause.start()] + f">={clause.group(2)}{floor}" + head[clause.end() :]
        return head
    return _add_clause(head, f">={floor}", first=True)


def _version(text: str) -> Version:
    from packaging.version import Version

    return Version(text.rstrip(".*").rstrip("."))


def _add_clause(head: str, clause: str, first: bool = False) -> str:
    """``head`` (a requirement without its marker) with one more clause: first or last;
    after the name and extras where it has none (bare ``websockets``)."""
    clauses = list(_CLAUSE.finditer(head))
    if not clauses:
        name = _NAME.match(head)
        end = len(head[: name.end()].rstrip()) if name else len(head)
        return head[:end] + clause + head[end:]
    if first:
        start = clauses[0].start()
        return head[:start] + clause + "," + head[start:]
    end = clauses[-1].end()
    return head[:end] + "," + clause + head[end:]


@register
class WebsocketsFloor(Rule):
    """
    ## What it does
    Finds a websockets requirement that admits releases the project's own code breaks
    on:
    - `websockets.asyncio` (imported or read) where releases before 13.0 are allowed,
      `websockets.sync` before 11.0, `websockets.protocol` before 11.0 (its module
      path, `import websockets.protocol`, only on 9.x and 10.x: up to 8.1 it is the
      legacy module), the routers before 15.0;
    - the top-level `websockets.ClientConnection`, `ServerConnection`, `State`,
      `Request`, `Response`, `Server`, `Close`, `CloseCode` before 14.2;
    - `.request` / `.response` (the opening handshake: `ws.request.headers`) on the
      connection of the top-level `connect` / `serve`, where releases before 14.0 are
      allowed: their legacy connection has `request_headers` / `path` and no `request`
      (not through `getattr`, whose default is the legacy connection's answer);
    - `close_code` / `close_reason` on a connection of the new implementation (also
      `getattr(ws, "close_code", None)`, whose default stands in for the missing
      attribute: a deliberate 1000 close reads as None on 14.0; not beside a `hasattr`
      test of the connection), and
      `max_queue=None` on its `connect` / `serve`, where 14.0 is allowed (or, for the
      explicit `websockets.asyncio` / `websockets.sync` names, anything before 14.1);
    - `proxy=` on a `connect` of the new implementation (either client) where releases
      before 15.0 are allowed: neither implementation takes it before, and the keyword
      reaches `create_connection` (TypeError);
    - an argument only the new implementation takes (`additional_headers=`,
      `process_exception=`) on the top-level `connect` / `serve` where releases before
      14.0 are allowed (NFX205 reports the call; a floor of 14.0 is its fix), unless the
      same function passes the legacy spelling too;
    - a `process_request` of the module that answers with the new implementation's
      `Response` (`Response(...)` from `websockets.http11`, `connection.respond(...)`),
      given to the top-level `serve` where releases before 14.0 are allowed: the legacy
      serve unpacks what it returns as a status, headers and body (TypeError, a 500 for
      every request it answers); one that also returns a tuple answers both;
    - `except InvalidStatus` around the top-level `connect` where releases before 14.0
      are allowed (NFX202 reports the clause: the legacy client raises
      `InvalidStatusCode`, which escapes it);
    - `isinstance(exc, InvalidStatus)` or `pytest.raises(InvalidStatus)` with nothing
      beside it that matches `InvalidStatusCode` (a retry predicate, an error
      classifier), in a module whose only client is the top-level `connect`, where
      releases before 14.0 are allowed (13.0, for an ImportError switch to
      `websockets.asyncio.client`): the test never holds on them. Not in a module
      that names `InvalidStatusCode` anywhere (a string included) or stops itself below
      14.0, nor where the function also reads the tested object's `.status_code` /
      `.headers` outside the test (written for both);
    - a connection handler of the module that takes the connection alone (`async def
      handler(websocket)`, `lambda ws: ...`, a method), given to the top-level `serve`
      or the legacy one where releases before 10.1 are allowed: before 10.1 the legacy
      serve passes the request path too, and every connection fails with TypeError
      (closed with 1011). Not a handler that takes `*args` or is wrapped (a decorator,
      `functools.partial`), nor a method another class of the module defines again (a
      subclass's may take the path). Known gap: a `serve` bound by an ImportError
      switch between the new and the legacy module is not followed;
    - a clause for a failed handshake (`except InvalidHandshake`, `InvalidMessage`,
      `WebSocketException`) around a connect of the new client where releases before
      14.2 are allowed: when the server closes before answering, the new client raises
      a raw `ConnectionError` up to 13.0 and a raw `EOFError` (`ValueError` for a reply
      that is not HTTP) from 13.1 to 14.1, from 14.2 `InvalidMessage`. The releases
      counted are those whose error no clause of the `try` takes (`OSError` takes the
      ConnectionError, not the EOFError) where the client is the new one: the top-level
      `connect` from 14.0 (so 14.0 and 14.1), an ImportError switch to
      `websockets.asyncio.client` from 13.0. What a `try` around it in the same
      function takes counts too, as does what a helper of the module that makes the
      call takes around it, and what a `try` around every call of the function in the
      module (of its class, for a method) takes; a clause that raises the error again
      takes nothing, a bare `except:` or a name the module cannot resolve anything, and
      another package's class only if it is named like a base of the raw errors
      (`socket.error`, `OSError`: a builtin class has builtin bases only). Not around
      `async for ws in connect(uri)`, which retries, nor an asyncio client called in a
      plain `def` (it cannot await it; `yield from` drives the legacy one only); a
      requirement that admits only 14.0 and 14.1 is NFX204's;
    - `ping_interval=` / `ping_timeout=` (from 15.0) and `ssl=` (from 13.0; before,
      `ssl_context=`) on the threading implementation's `connect` / `serve`;
    - `ws.send(message, text=True)` on a connection of the new implementation (made by
      its `connect` in the module, directly or returned by the module's own function)
      where releases before 14.0 are allowed: the new connection's `send` takes `text=`
      from 14.0, the legacy one never (TypeError);
    - `async with ws:` on the connection itself (`ws = await websockets.connect(uri)`),
      made by an awaited top-level `connect`, where releases before 14.0 are allowed:
      the legacy connection is no async context manager (TypeError), only what
      `connect(...)` returns before it is awaited is;
    - `websockets.http` where 17.0 or later is allowed.
    It is reported on the requirement line (`requirements*.txt`, `pyproject.toml`,
    `setup.cfg`) that the module's project reads its websockets versions from, with
    each use that needs more. A use guarded where it stands (an import under `if`, a read
    under `hasattr`, a `hasattr` test itself, an import in `try` / `except ImportError`
    whose fallback is a switch: it imports the name from elsewhere, uses websockets
    otherwise, or sets a flag) is not counted; an import whose fallback raises, logs or
    puts a stub in its place is, since on a release that lacks the name the fallback runs
    as if websockets were not installed. Nor is an import after a module-level `if` on websockets'
    version that raises (`if websockets_version < (13, 0): raise ImportError(...)`): the
    module stops itself on the releases it does not support. Nor is an
    annotation Python does not evaluate (a local variable's, or any under `from
    __future__ import annotations`). A requirement that states no floor (`websockets`,
    `websockets<16`) admits every older release, and is reported like a low floor: pip
    leaves an installed release alone when the requirement admits it, however old.
    A project that lists its requirements (`[project]` dependencies, Poetry's,
    `install_requires`, `requirements.txt`) and leaves websockets out of them gets
    whichever release the user or another dependency installed: its code's needs are
    reported on that list (the `dependencies` line; a requirements file's first
    requirement), naming the requirement to add, with no fix. Not where some
    requirements are left to a `setup.py` or to dynamic dependencies, nor where a
    project file names websockets in a table not read as requirements (uv's, hatch's).
    The command line checks both when it is given the project (or its folder): given
    only `src/`, the requirement file is not checked. flake8 does not read requirement
    files. Needs are read from the code as it is checked, before any fix.

    ## Why is this bad?
    A resolver may install any release the requirement admits: the oldest (`pip
    install --upgrade-strategy` with other constraints, `uv pip install --resolution
    lowest`) or one that another package's pin forces. On a release without the name,
    the import fails (`ModuleNotFoundError: No module named 'websockets.asyncio'`)
    or the read raises AttributeError; websockets 14.0's new connection has no
    `close_code` and hangs on `max_queue=None`; websockets 17.0 removed
    `websockets.http`. The code was tested on the release the developer had.

    ## Example
    ```text
    websockets>=12  # requirements.txt
    ```
    with, in the project's code:
    ```python
    from websockets.asyncio.client import connect
    ```

    Use instead:
    ```text
    websockets>=13.0  # requirements.txt
    ```

    ## Fix
    Raises the lower bound to the first release that has everything the code uses
    (`>=12` to `>=13.0`; `>=12,<16` keeps its upper bound), and excludes 14.0
    (`!=14.0.*`) where only 14.0 breaks and older releases stay allowed (`>=14.0` becomes
    `>=14.1`), likewise the releases a clause for a failed handshake misses the raw
    error on (`>=13.1` becomes `>=13.1,!=14.0.*,!=14.1.*` around the top-level
    `connect`; `>=14` becomes `>=14.2`), keeping the rest of the line: extras, markers, comments. Pinned
    requirements (`==`, `~=`), Poetry constraints, hash-pinned lines and removals
    (`websockets.http` on 17.0) are reported with no fix.

    ## Fix safety
    Safe: the releases it removes are the ones the code breaks on.

    ## Precision
    On by default since blind round 28's pick: the first runs of the blind rounds
    (releases picked before the tool ever ran on them, corpus/README.md) found it right
    57 times in 60 (95.0%) over rounds 14 to 27, 42 in 45 over rounds 20 to 27; round
    28, the first with it on by default, 11 in 12; round 29, 7 in 7; round 30, 8 in 9.

    ## Sources
    - FACTS.md section 3, "Landmarks" and row 12
    - websockets changelog: 13.0 (new asyncio implementation), 14.1 (`close_code`,
      `max_queue=None`), 14.2 (top-level names), 17.0 (`websockets.http` removed)
    """

    code = CODE
    name = NAME
    fix_safety = SAFE
    reads = "requirements"
    trigger = re.compile(r"(?i)websockets")
    # Examples are small projects: the requirement file, then ``--- name.py`` and a module.
    valid = (
        "websockets>=13.0\n--- app.py\nfrom websockets.asyncio.client import connect\n",
        # Guarded: the import shim falls back on older releases.
        "websockets>=10\n--- app.py\ntry:\n    from websockets.asyncio.client import connect\n"
        "except ImportError:\n    from websockets.client import connect\n",
        # The legacy connection has close_code on every release; annotations are types.
        "websockets>=10,<14\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
        "    async with websockets.connect(uri) as ws:\n        return ws.close_code\n",
        "websockets>=11\n--- app.py\nfrom __future__ import annotations\nimport websockets\n"
        "conn: websockets.ClientConnection | None = None\n",
        # A process_request that answers each implementation in its own terms.
        "websockets>=12.0\n--- app.py\nimport http\nimport websockets\nfrom websockets.http11 import Response\n\n\n"
        "def health(connection, request):\n    if not hasattr(request, 'path'):\n"
        "        return http.HTTPStatus.OK, [], b'OK'\n    return Response(200, 'OK', websockets.Headers(), b'OK')\n\n\n"
        "async def main(h):\n    async with websockets.serve(h, '', 0, process_request=health):\n        pass\n",
        # A hasattr test beside the getattr chooses on purpose.
        "websockets>=12\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
        "    async with websockets.connect(uri) as ws:\n        pass\n"
        "    if hasattr(ws, 'close_code'):\n        return getattr(ws, 'close_code', None)\n",
        # The clause takes the raw EOFError of 14.0 and 14.1 too.
        "websockets>=13.1\n--- app.py\nimport websockets\nfrom websockets.exceptions import InvalidHandshake\n\n\n"
        "async def f(uri):\n    try:\n        async with websockets.connect(uri) as ws:\n            return await ws.recv()\n"
        "    except (InvalidHandshake, EOFError):\n        return None\n",
    )
    invalid = (
        # No floor stated: pip keeps a websockets 12 that is installed already.
        Invalid(
            "websockets\n--- app.py\nfrom websockets.asyncio.client import connect\n",
            "websockets>=13.0\n--- app.py\nfrom websockets.asyncio.client import connect\n",
        ),
        Invalid(
            "websockets<16\n--- app.py\nimport websockets\nprint(websockets.State.OPEN)\n",
            "websockets>=14.2,<16\n--- app.py\nimport websockets\nprint(websockets.State.OPEN)\n",
        ),
        # A process_request that answers with the new Response, given to the top-level serve.
        Invalid(
            "websockets>=12.0\n--- app.py\nimport http\nimport websockets\n\n\n"
            "def health(connection, request):\n    if request.path == '/healthz':\n"
            "        return connection.respond(http.HTTPStatus.OK, 'OK')\n    return None\n\n\n"
            "async def main(h):\n    async with websockets.serve(h, '', 0, process_request=health):\n        pass\n",
            "websockets>=14.0\n--- app.py\nimport http\nimport websockets\n\n\n"
            "def health(connection, request):\n    if request.path == '/healthz':\n"
            "        return connection.respond(http.HTTPStatus.OK, 'OK')\n    return None\n\n\n"
            "async def main(h):\n    async with websockets.serve(h, '', 0, process_request=health):\n        pass\n",
        ),
        Invalid(
            "websockets>=12  # realtime\n--- app.py\nfrom websockets.asyncio.client import connect\n",
            "websockets>=13.0  # realtime\n--- app.py\nfrom websockets.asyncio.client import connect\n",
        ),
        Invalid(
            "websockets[speedups]>=11,<16 ; python_version >= '3.9'\n--- app.py\nimport websockets\n\n\n"
            "def alive(ws):\n    return ws.state is websockets.State.OPEN\n",
            "websockets[speedups]>=14.2,<16 ; python_version >= '3.9'\n--- app.py\nimport websockets\n\n\n"
            "def alive(ws):\n    return ws.state is websockets.State.OPEN\n",
        ),
        # Only 14.0 breaks, and nothing older is allowed: the floor goes past it.
        Invalid(
            "websockets>=14.0\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri) as ws:\n        return ws.close_reason\n",
            "websockets>=14.1\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri) as ws:\n        return ws.close_reason\n",
        ),
        # Only 14.0 breaks the top-level connection's close_code: excluded, 12 and 13 kept.
        Invalid(
            "websockets>=12\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri, max_queue=None) as ws:\n        return ws.close_code\n",
            "websockets>=12,!=14.0.*\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri, max_queue=None) as ws:\n        return ws.close_code\n",
        ),
        # getattr's default hides the missing attribute: None instead of 1000 on 14.0.
        Invalid(
            "websockets>=12.0\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri) as ws:\n        pass\n"
            "    return getattr(ws, 'close_code', None)\n",
            "websockets>=12.0,!=14.0.*\n--- app.py\nimport websockets\n\n\nasync def f(uri):\n"
            "    async with websockets.connect(uri) as ws:\n        pass\n"
            "    return getattr(ws, 'close_code', None)\n",
        ),
        Invalid(
            "websockets>0\n--- app.py\nfrom websockets.asyncio.server import serve\n\n\nasync def h(ws):\n"
            "    await ws.wait_closed()\n    print(ws.close_code)\n\n\nasync def main():\n"
            "    async with serve(h, '', 0):\n        pass\n",
            "websockets>=14.1\n--- app.py\nfrom websockets.asyncio.server import serve\n\n\nasync def h(ws):\n"
            "    await ws.wait_closed()\n    print(ws.close_code)\n\n\nasync def main():\n"
            "    async with serve(h, '', 0):\n        pass\n",
        ),
        # A server that hangs up mid-handshake: a raw EOFError on 14.0 and 14.1.
        Invalid(
            "websockets>=13.1\n--- app.py\nimport websockets\nfrom websockets.exceptions import InvalidHandshake\n\n\n"
            "async def f(uri):\n    try:\n        async with websockets.connect(uri) as ws:\n"
            "            return await ws.recv()\n    except InvalidHandshake:\n        return None\n",
            "websockets>=13.1,!=14.0.*,!=14.1.*\n--- app.py\nimport websockets\n"
            "from websockets.exceptions import InvalidHandshake\n\n\n"
            "async def f(uri):\n    try:\n        async with websockets.connect(uri) as ws:\n"
            "            return await ws.recv()\n    except InvalidHandshake:\n        return None\n",
        ),
        # proxy= is taken from 15.0 by both clients.
        Invalid(
            "websockets>=13.0\n--- app.py\nfrom websockets.sync.client import connect\n\n\n"
            "def f(uri):\n    with connect(uri, proxy=None) as ws:\n        return ws.recv()\n",
            "websockets>=15.0\n--- app.py\nfrom websockets.sync.client import connect\n\n\n"
            "def f(uri):\n    with connect(uri, proxy=None) as ws:\n        return ws.recv()\n",
        ),
        # Gone in 17.0: the code must change (or the requirement be capped): no fix.
        Invalid("websockets>=12\n--- app.py\nfrom websockets.http import Headers\n"),
        Invalid("websockets\n--- app.py\nfrom websockets.http import Headers\n"),
        Invalid("websockets==12.0\n--- app.py\nimport websockets.sync.client\n\nwebsockets.asyncio.client.connect\n"),
    )


def example_files(example: str) -> Tuple[str, List[Tuple[str, str]]]:
    """An example project: (requirement text, [(module name, source)...])."""
    parts = re.split(r"^--- (\S+)\n", example, flags=re.MULTILINE)
    return parts[0], list(zip(parts[1::2], parts[2::2]))


def gather(needs: Iterable[Need]) -> List[Need]:
    """Needs in a stable order, each (use, place) once."""
    unique = {(n.use, n.path, n.line): n for n in needs}
    return sorted(unique.values(), key=lambda n: (n.path, n.line, n.use, n.broken))
