"""Whether an ``ssl.SSLEOFError`` a clause takes meets a TLS branch that ends quietly.

NFX101 reports a drop clause (``except ConnectionResetError``) that an SSLEOFError
skips, because the next clause that takes it (``except Exception as e``) mostly logs a
traceback or re-raises. Some such clauses single TLS errors out on purpose, Werkzeug's
``handle()`` among them::

    except (ConnectionError, socket.timeout) as e:
        self.connection_dropped(e)
    except Exception as e:
        if self.server.ssl_context is not None and is_ssl_error(e):
            self.log_error("SSL error occurred: %s", e)
        else:
            raise

:func:`quiet_branches` follows the error through such a clause (the tests as
:mod:`.eof_path` decides them) and accepts only a path that passes a test for TLS or OS
errors and then does nothing but what is known to be quiet: a log call without a
traceback, ``print``, a constant stored, ``close()``, a call the earlier clauses of the
``try`` make too; and that ends as the drop clause does (both fall through, both
``return None``, ...). Anything else on the way (a call it does not know, a loop, a
nested ``try``, the error stored or returned) leaves the report.
"""

from __future__ import annotations

import ast
from itertools import product
from typing import AbstractSet, Callable, Dict, List, Optional, Tuple

from .eof_path import _dotted, _is_param, _Unknown, _Walk

#: The answers assumed for the clause's calls of the error alone (``is_ssl_error(e)``),
#: whether the path took a TLS context's test as holding, and how the path ends.
QuietBranch = Tuple[Tuple[Tuple[str, bool], ...], bool, str]

#: Receivers of logging calls (``log.warning``, ``self.logger.info``).
_LOGGERS = frozenset({"log", "logger", "logging", "_log", "_logger", "LOG", "LOGGER"})
#: Logger methods that write one record (``exception`` writes a traceback).
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "log"})
#: One-line reports by their whole name: ``http.server``'s request handler's, ``print``.
_REPORTS = frozenset({"self.log_error", "self.log_message", "print", "warnings.warn"})


def ending(body: List[ast.stmt]) -> str:
    """How a clause's body ends, as far as its last statement says: ``return <value>``,
    ``continue``, ``break``, ``raise`` or ``end`` (it falls through)."""
    last = body[-1] if body else None
    if isinstance(last, ast.Return):
        return f"return {ast.unparse(last.value) if last.value is not None else 'None'}"
    if isinstance(last, (ast.Continue, ast.Break, ast.Raise)):
        return type(last).__name__.lower()
    return "end"


def quiet_branches(
    body: List[ast.stmt], name: str, qualname: Callable[[str], Optional[str]], known_calls: AbstractSet[str]
) -> List[QuietBranch]:
    """The ways an SSLEOFError bound to ``name`` goes quietly through ``body``: per
    assumed answers of the clause's predicates (at most two), whether a TLS context's
    test was taken, and how the path ends. ``known_calls`` are the calls the earlier
    clauses of the ``try`` make (the drop clause's own handling)."""
    calls = sorted(
        {
            _dotted(node.func) or ""
            for statement in _statements(body)
            if isinstance(statement, ast.If)
            for node in ast.walk(statement.test)
            if isinstance(node, ast.Call) and _is_param(node.args, name) and not node.keywords
        }
        - {""}
    )
    if len(calls) > 2:
        return []
    found: List[QuietBranch] = []
    for answers in product((True, False), repeat=len(calls)):
        walk = _ClauseWalk(name, qualname, dict(zip(calls, answers)), known_calls)
        try:
            end = walk.block(body)
        except _Unknown:
            continue
        if end is not None and walk.by_class:
            found.append((tuple(zip(calls, answers)), walk.by_context, end))
    return found


def _statements(body: List[ast.stmt]) -> List[ast.stmt]:
    """The statements of the body and of its ``if`` branches."""
    found: List[ast.stmt] = []
    for statement in body:
        found.append(statement)
        if isinstance(statement, ast.If):
            found.extend(_statements(statement.body))
            found.extend(_statements(statement.orelse))
    return found


class _ClauseWalk(_Walk):
    """The path an SSLEOFError takes through a clause's body."""

    def __init__(
        self,
        name: str,
        qualname: Callable[[str], Optional[str]],
        predicates: Dict[str, bool],
        known_calls: AbstractSet[str],
    ) -> None:
        super().__init__(name, lambda node: False, qualname, predicates, strict=True)
        self.known_calls = known_calls

    def block(self, body: List[ast.stmt], nested: bool = False) -> Optional[str]:
        """How the path through ``body`` ends quietly (see :func:`ending`); None when it
        raises; ``_FELL_THROUGH`` (as a string) from a nested block that goes on."""
        for statement in body:
            if isinstance(statement, ast.If):
                found = self.block(statement.body if self.test(statement.test) else statement.orelse, True)
                if found != _GOES_ON:
                    return found
                continue
            if isinstance(statement, ast.Raise):
                return None
            if isinstance(statement, ast.Return):
                if statement.value is not None and not isinstance(statement.value, ast.Constant):
                    raise _Unknown  # ``return e``: the caller may raise it
                return ending([statement])
            if isinstance(statement, (ast.Continue, ast.Break)):
                return ending([statement])
            if not self._quiet(statement):
                raise _Unknown
        return _GOES_ON if nested else "end"

    def _quiet(self, statement: ast.stmt) -> bool:
        """A statement known to neither raise nor trace nor hand the error on."""
        if isinstance(statement, ast.Pass):
            return True
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            # A flag or a counter: ``self.close_connection = True``, ``errors += 1``.
            value = statement.value
            return value is not None and not any(
                isinstance(node, ast.Call) or (isinstance(node, ast.Name) and node.id == self.param)
                for target in (*getattr(statement, "targets", ()), getattr(statement, "target", None), value)
                if target is not None
                for node in ast.walk(target)
            )
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            return self._reports(statement.value)
        return False

    def _reports(self, call: ast.Call) -> bool:
        name = _dotted(call.func)
        if name is None or any(
            k.arg in ("exc_info", "stack_info") and not (isinstance(k.value, ast.Constant) and not k.value.value)
            for k in call.keywords
        ):
            return False
        parts = name.split(".")
        if name in self.known_calls or (name.endswith(".close") and not call.args and not call.keywords):
            return True  # what the drop clause does too; closing the connection
        logged = len(parts) >= 2 and parts[-2] in _LOGGERS and parts[-1] in _LOG_METHODS
        if not (logged or name in _REPORTS):
            return False
        # Its arguments are the text: no call but ``str(e)`` / ``repr(e)`` there.
        return all(
            _dotted(node.func) in ("str", "repr", "type")
            for argument in (*call.args, *(k.value for k in call.keywords))
            for node in ast.walk(argument)
            if isinstance(node, ast.Call)
        )


#: What a nested block's walk returns when the path goes on after it.
_GOES_ON = "\0goes on"

__all__ = ["QuietBranch", "ending", "quiet_branches"]
