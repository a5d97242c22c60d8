"""The rule registry: importing a rule module registers its rules."""

from . import (  # noqa: F401  (register the rules)
    ssl_eof_caught,
    ssl_eof_errno,
    ssl_eof_suppressed,
    ssl_eof_unproven,
    websockets_arguments,
    websockets_attributes,
    websockets_elsewhere,
    websockets_floor,
    websockets_handlers,
    websockets_loop,
    websockets_pins,
    websockets_status,
    websockets_version,
)
from .base import REGISTRY, Invalid, Rule, all_rules, register

__all__ = ["REGISTRY", "Invalid", "Rule", "all_rules", "register"]
