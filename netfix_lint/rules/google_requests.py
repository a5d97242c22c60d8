"""Google API requests: blocking HTTPS that lets ssl errors out.

A request of the Google API client (``service.files().list().execute()``, a media
download's ``next_chunk()``) runs on httplib2, over HTTPS. httplib2's ``_conn_request``
re-raises a socket's ``OSError`` as it is, and ``HttpRequest.execute`` retries an
``ssl.SSLError`` only ``num_retries`` times (none by default) before it re-raises it. So
a dropped TLS connection reaches the caller as a raw ``ssl.SSLEOFError``
(tests/test_google_requests_proof.py): a drop handler around ``execute()`` that takes
``ConnectionError`` misses it.

In a module that imports ``googleapiclient`` (or its old alias ``apiclient``), a call of
``execute()`` or ``next_chunk()`` sends such a request when what it is called on comes
from the client:

- a chain that starts from a service (``service.files().list(q=q).execute()``, also
  handed to ``asyncio.to_thread``), or a name bound to such a chain
  (``request = service.files().list()``; ``batch = service.new_batch_http_request()``),
  where the service is what ``build()`` returns, through the module's names, attributes
  and own functions; the chains are known per function, so every chain of the function
  that ends in that method must start so (a cursor's ``db.cursor().execute()`` beside
  a Google request is no request);
- an object of the client's own classes (``MediaIoBaseDownload(fh, request)``);
- where that cannot be followed because the service or the request is a parameter, the
  ``try`` around the call catching one of the client's classes (``except HttpError``).

Limits: a service from a subscript (``SERVICES["drive"]``), an annotation, another
module's function or a lambda handed to a thread is not followed. Reading only the
module's facts, no I/O.
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable, Optional

from ..facts import Origin, Scope, lookup, resolve
from .value_origin import UNKNOWN, Provenance, ValueOrigins, Verdict, class_of

#: The methods of a request that send it.
METHODS = frozenset({"execute", "next_chunk"})
#: The client's packages (``apiclient`` is the alias it still ships).
PACKAGES = frozenset({"googleapiclient", "apiclient"})
_HOW = "over HTTPS through httplib2, which lets ssl errors out"


def _head(root: str) -> str:
    """The name a chain starts from when it is a name or a method of one (``service``
    for ``service`` and ``service.spaces()``); "" for anything else (``self.service``,
    ``build()``)."""
    name = root[:-2] if root.endswith("()") else root
    receiver = name.rpartition(".")[0] if root.endswith("()") else name
    return receiver if receiver.isidentifier() else ""


def _client(qualname: Optional[str]) -> bool:
    return (qualname or "").split(".", 1)[0] in PACKAGES


class GoogleApiRequests(ValueOrigins):
    """Which calls of a body send a Google API request (``context.view(GoogleApiRequests)``):
    values are ``tls`` when they come from the client (a service, a request, a media
    download), else unknown."""

    positive: Verdict = "tls"
    negative: Verdict = "plain"

    @cached_property
    def imported(self) -> bool:
        return any(_client(module) for module in self.facts.imported_modules)

    def of_calls(self, scope: Scope, calls: Iterable[str]) -> Provenance:
        """``tls`` when one of ``calls`` (made in ``scope``) sends a Google API request,
        saying why; else unknown."""
        if not self.imported:
            return UNKNOWN
        sends = sorted(c for c in calls if "." in c and c.rpartition(".")[2] in METHODS)
        for call in sends:
            receiver, _, method = call.rpartition(".")
            if receiver == "?":
                # The scope's every chain that ends so (a cursor's too) must be the client's.
                roots = sorted(root for m, root in scope.chain_roots if m == method)
                found = [self._of_root(scope, root, 0) for root in roots]
                verdict = found[0] if found and all(f.verdict == "tls" for f in found) else UNKNOWN
                shown = f"`{method}()` on `{roots[0]}...`" if len(roots) == 1 else f"`{method}()`"
            else:
                verdict = self.of_name(scope, receiver, 0)
                shown = f"`{call}()`"
            if verdict.verdict == "tls":
                return Provenance("tls", f"{shown} sends a Google API request {_HOW}: {verdict.why}", verdict.line)
            caught = self._handed_in(scope, call, receiver, method)
            if caught:
                shown = call.replace("?.", "", 1)
                why = (
                    f"`{shown}()` sends a Google API request {_HOW}: the service is handed in, and the"
                    f" `try` around the call catches the client's errors (line {caught})"
                )
                return Provenance("tls", why, caught)
        return UNKNOWN

    def _of_root(self, scope: Scope, root: str, depth: int) -> Provenance:
        """What a chain that starts from ``root`` (``service``, ``build()``) makes."""
        if root == "?":
            return UNKNOWN
        if root.endswith("()"):
            return self.of_call(scope, Origin(0, call=root[:-2]), depth + 1, class_of(scope))
        return self.of_name(scope, root, depth + 1)

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call = origin.call or "?"
        if call.startswith("?."):
            return self._of_root(scope, origin.root or "?", depth)
        if _client(resolve(self.facts, scope, call).qualname):
            at = f" (line {origin.line})" if origin.line else ""
            return Provenance("tls", f"it comes from googleapiclient's `{call}()`{at}", origin.line)
        receiver = call.rpartition(".")[0]
        if receiver:  # a method of a service or a resource: ``service.files()``
            found = self.of_name(scope, receiver, depth + 1)
            if found.verdict == "tls":
                return found
        return self.returned(scope, origin, depth, cls)

    def _handed_in(self, scope: Scope, call: str, receiver: str, method: str) -> int:
        """``call`` is made on a parameter of ``scope`` (``request.execute()``) or on a
        chain from parameters only (``service.files().list().execute()``), in a ``try``
        of ``scope`` that catches one of the client's classes (``HttpError``): the line
        of that clause (0: none)."""
        heads = [_head(root) for m, root in scope.chain_roots if m == method] if receiver == "?" else [receiver]
        if not heads or not all(head and self._parameter(scope, head) for head in heads):
            return 0
        for block in self.facts.tries:
            if call not in block.body_calls:
                continue
            for handler in block.handlers:
                if handler.scope is not scope:
                    continue
                for name in handler.types or ():
                    if name.dotted and _client(resolve(self.facts, scope, name.dotted).qualname):
                        return handler.span.line
        return 0

    @staticmethod
    def _parameter(scope: Scope, name: str) -> bool:
        """``name`` is a plain name bound only as a parameter of ``scope``."""
        found = lookup(scope, name) if name.isidentifier() else None
        return found is not None and found[0] is scope and all(b.kind == "param" for b in found[1])
