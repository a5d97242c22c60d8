"""The rule registry: importing a rule module registers its rules."""

from . import ssl_eof, ssl_eof_errno, websockets_elsewhere, websockets_pins, websockets_status  # noqa: F401  (register the rules)
from .base import REGISTRY, Invalid, Rule, all_rules, register

__all__ = ["REGISTRY", "Invalid", "Rule", "all_rules", "register"]
