"""netfix-lint: find and fix network exception handlers that miss what is really raised."""

from .engine import DEFAULT_SETTINGS, Settings, check_source, fix_source
from .model import Finding, Fix, FixResult

__version__ = "0.1.0"

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
