"""Google API requests: blocking HTTPS that lets ssl errors out.

A request of the Google API client (``service.files().list().execute()``, a media
download's ``next_chunk()``) runs on httplib2, over HTTPS: every Google API endpoint
is one. httplib2's ``_conn_request`` re-raises a socket's ``OSError`` as it is, and
``HttpRequest.execute`` retries an ``ssl.SSLError`` only ``num_retries`` times (none by
default) before it re-raises it. So a dropped TLS connection reaches the caller as a raw
``ssl.SSLEOFError``: a drop handler around ``execute()`` that takes ``ConnectionError``
misses it.

A call is such a request when the module imports ``googleapiclient`` and the call is
``execute()`` or ``next_chunk()`` on a request a resource chain builds in place
(``service.spaces().messages().create(...).execute``, also handed to
``asyncio.to_thread``), or on a name bound to one, or to an object of
``googleapiclient`` (``MediaIoBaseDownload(fh, request)``). Reading only the module's
facts, no I/O.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Iterable, Optional

from ..facts import Origin, Scope, resolve
from .value_origin import UNKNOWN, Provenance, ValueOrigins, Verdict

#: The methods of a request that send it.
METHODS = frozenset({"execute", "next_chunk"})
_IMPORT = re.compile(r"^\s*(?:import|from)\s+googleapiclient\b")


class GoogleApiRequests(ValueOrigins):
    """Which calls of a body send a Google API request (``context.view(GoogleApiRequests)``)."""

    positive: Verdict = "tls"
    negative: Verdict = "plain"

    @cached_property
    def import_line(self) -> int:
        """The line of the module's first ``googleapiclient`` import (0: none)."""
        if not any(m.split(".", 1)[0] == "googleapiclient" for m in self.facts.imported_modules):
            return 0
        return next((n for n, line in enumerate(self.facts.lines, 1) if _IMPORT.match(line)), 0)

    def of_calls(self, scope: Scope, calls: Iterable[str]) -> Provenance:
        """``tls`` when one of ``calls`` sends a Google API request, else unknown."""
        if not self.import_line:
            return UNKNOWN
        for call in sorted(calls):
            receiver, _, method = call.rpartition(".")
            if method not in METHODS or not receiver:
                continue
            built = receiver == "?" or self.of_name(scope, receiver, 0).verdict == "tls"
            if built:
                shown = f"`{call}()`" if receiver != "?" else f"`{method}()`"
                why = (
                    f"{shown} sends a Google API request over HTTPS through httplib2, which lets ssl errors"
                    f" out (`googleapiclient` imported at line {self.import_line})"
                )
                return Provenance("tls", why, self.import_line)
        return UNKNOWN

    def of_call(self, scope: Scope, origin: Origin, depth: int, cls: Optional[Scope]) -> Provenance:
        call = origin.call or "?"
        if call.startswith("?."):
            return Provenance("tls")  # a request a resource chain built: ``service.files().list()``
        qualname = resolve(self.facts, scope, call).qualname or ""
        if qualname.split(".", 1)[0] == "googleapiclient":
            return Provenance("tls")
        return self.returned(scope, origin, depth, cls)
