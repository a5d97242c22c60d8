"""Drop clauses followed by a clause with a TLS branch that does not handle the TLS EOF
on purpose stay reported (tests/data/tls_branch/README.md); those whose later clause
gives TLS errors a branch that neither raises nor traces go quiet (netfix_lint/eof_path.py)."""

from __future__ import annotations

import ast
import dataclasses
import sys
import textwrap
from pathlib import Path
from typing import List, Optional

import pytest

from netfix_lint import api
from netfix_lint.facts_ast import extract
from netfix_lint.results import DEFAULT_OPTIONS

DATA = Path(__file__).with_name("data") / "tls_branch"
EVERY_RULE = dataclasses.replace(DEFAULT_OPTIONS, settings=dataclasses.replace(DEFAULT_OPTIONS.settings, preview=True))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.py")))
def test_still_reported(name: str) -> None:
    path = DATA / name
    try:
        compile(path.read_bytes(), str(path), "exec")
    except SyntaxError:
        pytest.skip(f"{name} needs newer syntax than Python {sys.version_info[0]}.{sys.version_info[1]} parses")
    expected = [
        (number, line.split("# expect: ", 1)[1].strip())
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# expect: " in line
    ]
    assert expected
    found = api.run_bytes(path.read_bytes(), str(path), EVERY_RULE).findings
    # (Other clauses may go quiet under a better model; these may not.)
    assert set(expected) <= {(f.line, f.code) for f in found}


SETUP = (
    "import logging\nimport socket\nimport ssl\nlog = logging.getLogger(__name__)\n"
    "def connect(host):\n    ctx = ssl.create_default_context()\n"
    "    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)\n"
)


def _codes(source: str) -> List[str]:
    return [f.code for f in api.run_bytes(source.encode(), "example.py", EVERY_RULE).findings]


def _send(clause: str) -> str:
    """A drop clause around a TLS write, then ``clause`` (indented under the ``try``)."""
    return SETUP + (
        "def send(host, data):\n    sock = connect(host)\n    try:\n        sock.sendall(data)\n"
        "    except (ConnectionResetError, BrokenPipeError):\n        log.info('peer went away')\n"
        + textwrap.indent(textwrap.dedent(clause), "    ")
    )


@pytest.mark.parametrize(
    "clause",
    [
        # The TLS branch logs a line; everything else is traced and raised.
        "except Exception as e:\n    if isinstance(e, ssl.SSLError):\n        log.info('TLS: %s', e)\n"
        "    else:\n        log.exception('send failed')\n        raise\n",
        # Only errors that are not TLS (nor ValueError) go on.
        "except Exception as e:\n    if not isinstance(e, (ssl.SSLError, ValueError)):\n        raise\n"
        "    sock.close()\n",
        # An elif chain whose earlier tests an SSLEOFError fails.
        "except Exception as e:\n    if isinstance(e, (ValueError, ConnectionError)):\n        raise\n"
        "    elif isinstance(e, ssl.SSLError):\n        log.warning('TLS closed by %s', host)\n"
        "    else:\n        raise\n",
        # OSError's branch, quiet: a TLS error is an OSError.
        "except Exception as err:\n    if isinstance(err, OSError):\n        log.warning('I/O: %s', err)\n"
        "    else:\n        raise\n",
    ],
)
def test_quiet_tls_branch(clause: str) -> None:
    assert "NFX101" not in _codes(_send(clause))


def test_quiet_tls_branch_through_aliases_and_methods() -> None:
    aliased = _send("except Exception as e:\n    if not isinstance(e, TLSError):\n        raise\n").replace(
        "import ssl\n", "import ssl\nfrom ssl import SSLError as TLSError\n", 1
    )
    assert "NFX101" not in _codes(aliased)
    method = SETUP + (
        "class Client:\n    def __init__(self, host):\n        self.sock = connect(host)\n\n"
        "    def send(self, data):\n        try:\n            self.sock.sendall(data)\n"
        "        except ConnectionResetError:\n            pass\n        except Exception as e:\n"
        "            if self._is_tls(e):\n                log.info('TLS: %s', e)\n"
        "            else:\n                raise\n\n"
        "    @staticmethod\n    def _is_tls(error):\n        return isinstance(error, ssl.SSLError)\n"
    )
    assert "NFX101" not in _codes(method)
    # The same method answering False for TLS errors: the EOF goes to ``raise``.
    assert "NFX101" in _codes(method.replace("return isinstance", "return not isinstance"))


@pytest.mark.parametrize(
    "body, expected",
    [
        ("if error is None:\n    error = sys.exc_info()[1]\nreturn isinstance(error, ssl.SSLError)\n", True),
        ("return not isinstance(error, (ConnectionError, ssl.SSLError))\n", False),
        # Classes that are no TLS or OS error's decide nothing about TLS.
        ("return isinstance(error, (ConnectionError, TimeoutError))\n", None),
        ("if not isinstance(error, OSError):\n    return False\nreturn True\n", True),
        ("return isinstance(error, ssl.SSLError) or 'CERTIFICATE' in str(error)\n", True),
        # Not decided by the class, or not at all.
        ("return True\n", None),
        ("return 'CERTIFICATE' in str(error) or isinstance(error, ssl.SSLError)\n", True),
        ("return 'CERTIFICATE' in str(error) and isinstance(error, ssl.SSLError)\n", None),
        ("error = error.reason\nreturn isinstance(error, ssl.SSLError)\n", None),
        ("return isinstance(error, CUSTOM)\n", None),
    ],
)
def test_eof_answer(body: str, expected: Optional[bool]) -> None:
    # (Functions are read in modules that name SSLError.)
    source = "import sys, ssl  # SSLError\nCUSTOM = (OSError, ValueError)\ndef f(error):\n" + textwrap.indent(
        body, "    "
    )
    facts = extract(ast.parse(source), source.splitlines())
    (function,) = [s for s in facts.scopes if s.kind == "function"]
    assert function.eof_answer is expected
