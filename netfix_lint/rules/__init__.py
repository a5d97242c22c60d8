"""The rule registry: importing a rule module registers its rules."""

from . import ssl_eof  # noqa: F401  (registers NFX101, NFX102)
from .base import REGISTRY, Invalid, Rule, all_rules, register

__all__ = ["REGISTRY", "Invalid", "Rule", "all_rules", "register"]
