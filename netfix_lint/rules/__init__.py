"""The rule registry: importing a rule module registers its rules."""

from . import ssl_eof, ssl_eof_errno  # noqa: F401  (register NFX101-NFX103)
from .base import REGISTRY, Invalid, Rule, all_rules, register

__all__ = ["REGISTRY", "Invalid", "Rule", "all_rules", "register"]
