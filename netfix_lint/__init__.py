"""netfix-lint: find and fix network exception handlers that miss what is really raised.

The engine's names are loaded on first use (PEP 562): ``import netfix_lint`` alone, as
the flake8 plugin and ``netfix-lint --version`` do, stays cheap.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_LAZY = {
    "DEFAULT_SETTINGS": "settings",
    "Settings": "settings",
    "check_source": "engine",
    "fix_source": "codemod",
    "Finding": "model",
    "Fix": "model",
    "FixResult": "model",
}

__all__ = [
    "DEFAULT_SETTINGS",
    "Finding",
    "Fix",
    "FixResult",
    "Settings",
    "__version__",
    "check_source",
    "fix_source",
]

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from .codemod import fix_source
    from .engine import check_source
    from .model import Finding, Fix, FixResult
    from .settings import DEFAULT_SETTINGS, Settings


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
