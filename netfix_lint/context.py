"""What a rule may read besides its module's facts: the module's package, through a view
that answers the rules' three questions about it, and the websockets versions the
project allows. The engine builds one context per check of a module; rules read it and
never open a file.

Rules work out some facts about the whole module once per check (does it use TLS, how
does it reach ``ssl``): :meth:`RuleContext.view` builds such a per-module object on first
use and hands the same one to every rule of the check.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Optional, Protocol, Tuple, TypeVar, cast

from .facts import ModuleFacts
from .package_tls import ANY_CLASS as ANY_CLASS
from .package_tls import BLOCKING as BLOCKING
from .package_tls import ELSEWHERE as ELSEWHERE
from .package_tls import NO_TLS as NO_TLS
from .package_tls import OWN_SOCKETS as OWN_SOCKETS
from .package_tls import TRAVELS as TRAVELS
from .package_tls import TlsVerdict as TlsVerdict
from .package_tls import code_only as code_only
from .package_tls import code_travel_word as code_travel_word  # for the rules' evidence
from .package_tls import code_word as code_word
from .package_tls import runs_own_sockets, shows_tls, travels
from .package_tls import travel_word as travel_word
from .package_tls import uses_websocket_client as uses_websocket_client
from .package_words import LEGACY_WEBSOCKETS as LEGACY_WEBSOCKETS

V = TypeVar("V")

#: The path of text that is no file (the API's default): it belongs to no package.
NO_PATH = "<string>"


class PackageView(Protocol):
    """What a rule may ask about the package of the module it checks."""

    def tls_verdict(self) -> TlsVerdict:
        """BLOCKING, ELSEWHERE, OWN_SOCKETS or NO_TLS (:func:`netfix_lint.package_tls.tls_verdict`)."""

    def tls_witness(self) -> Optional[Tuple[str, str]]:
        """When ``tls_verdict`` is BLOCKING because of another module of the package: that
        module, as a path from the package's parent folder (``app/tls.py``, for a message)
        and as the run would name it (for a related location)."""

    def tls_in_sight(self) -> bool:
        """The module names TLS, or a module of its package that does imports it
        (:func:`netfix_lint.package_tls.tls_in_sight`)."""

    def tls_server_of(self, class_name: str) -> Optional[Tuple[str, str]]:
        """Another module of the package that names the request handler class
        ``class_name`` and wraps a server's socket in TLS (``server_side=True``), as
        ``tls_witness`` names modules; None if there is none
        (:func:`netfix_lint.package_tls.served_in_tls`)."""

    def used_elsewhere(self, question: str) -> Optional[Tuple[str, str]]:
        """Another module of the package (tests aside) whose code answers yes to the
        question named ``question`` (:data:`netfix_lint.package_words.QUESTIONS`), as
        ``tls_witness`` names modules; None if there is none
        (:func:`netfix_lint.package_words.used_elsewhere`)."""

    def resolve_name(self, target: str) -> Optional[Tuple[str, str]]:
        """What ``target``, a name the module imports, is when another module of the
        package binds it: (qualified name, module that binds it), or None
        (:func:`netfix_lint.package_names.resolve_in_package`)."""

    def module_facts(self, target: str) -> Optional[Tuple[str, ModuleFacts]]:
        """The facts of the module of the package that defines ``target``, a name the
        module imports (a base class of one of its classes), and the name in it; None if
        no module of the package does (:func:`netfix_lint.package_names.facts_in_package`)."""


class ModuleAlone:
    """The null package view: the module as if it belonged to no package, answered from
    its own text (a run that reads no package, text that is no file). No I/O."""

    def __init__(self, text: Callable[[], str]) -> None:
        self._text = text

    def tls_verdict(self) -> TlsVerdict:
        if travels(self._text()):
            return BLOCKING
        return OWN_SOCKETS if runs_own_sockets(self._text()) else NO_TLS

    def tls_witness(self) -> Optional[Tuple[str, str]]:
        return None

    def tls_in_sight(self) -> bool:
        return shows_tls(self._text())

    def tls_server_of(self, class_name: str) -> Optional[Tuple[str, str]]:
        return None

    def used_elsewhere(self, question: str) -> Optional[Tuple[str, str]]:
        return None

    def resolve_name(self, target: str) -> Optional[Tuple[str, str]]:
        return None

    def module_facts(self, target: str) -> Optional[Tuple[str, ModuleFacts]]:
        return None


def module_text(facts: ModuleFacts) -> str:
    """The module's text, as its lines join: what package views read off the module."""
    return "\n".join(facts.lines)


class RuleContext:
    """Everything a rule's ``check`` reads, for one check of one module."""

    def __init__(
        self,
        facts: ModuleFacts,
        package: Optional[PackageView] = None,
        websockets_spec: Optional[str] = None,
        path: str = NO_PATH,
        previewing: FrozenSet[str] = frozenset(),
    ) -> None:
        self.facts = facts
        self.package: PackageView = package if package is not None else ModuleAlone(self.text)
        #: The websockets versions the module's project allows (a PEP 440 specifier, or
        #: "any"); None: unknown.
        self.websockets_spec = websockets_spec
        #: The module's path as the run names it, where the run reads packages; NO_PATH in
        #: a run that reads nothing but the text (the API's default).
        self.path = path
        #: The rules whose preview part runs (``Settings.previews``).
        self.previewing = previewing
        self._views: Dict[object, object] = {}

    def text(self) -> str:
        return module_text(self.facts)

    def view(self, kind: Callable[[RuleContext], V]) -> V:
        """The per-module object ``kind(self)`` (say ``SslModule``), built on first use and
        shared by every rule of this check."""
        if kind not in self._views:
            self._views[kind] = kind(self)
        return cast(V, self._views[kind])
