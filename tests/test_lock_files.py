"""The hash-pinned lock files in requirements/ install on a fresh machine: a package
that a dependency asks for with an extra is pinned both plain and with the extra."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pin_extras():
    spec = importlib.util.spec_from_file_location("pin_extras", ROOT / "requirements/pin_extras.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pin_extras


LOCK = """\
justext==3.0.2 \\
    --hash=sha256:aa
    # via trafilatura
lxml==6.1.3 \\
    --hash=sha256:bb \\
    --hash=sha256:cc
    # via
    #   htmldate
    #   justext
zstd==1.0 \\
    --hash=sha256:dd
"""


def test_a_package_asked_for_with_an_extra_is_pinned_both_ways_once():
    pin_extras = _pin_extras()
    out = pin_extras(LOCK, ["lxml[html_clean]"])
    assert "lxml==6.1.3 \\\n    --hash=sha256:bb \\\n    --hash=sha256:cc\nlxml[html_clean]" in out
    assert (
        "lxml[html_clean]==6.1.3 \\\n    --hash=sha256:bb \\\n    --hash=sha256:cc\n    # via"
        in out
    )
    assert out.startswith("justext==3.0.2") and out.endswith("zstd==1.0 \\\n    --hash=sha256:dd\n")
    assert pin_extras(out, ["lxml[html_clean]"]) == out  # again: nothing changes
    assert pin_extras(LOCK, ["absent[x]"]) == LOCK


def test_the_lock_files_pin_every_extra_the_makefile_names_both_ways():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    extras = re.search(r"^EXTRA_PINS := (.+)$", makefile, re.M).group(1).split()
    assert extras
    for lock in ("runtime.txt", "test.txt"):
        text = (ROOT / "requirements" / lock).read_text("utf-8")
        for wanted in extras:
            name = wanted.split("[")[0]
            plain = re.findall(rf"^{re.escape(name)}==(\S+)", text, re.M)
            extra = re.findall(rf"^{re.escape(wanted)}==(\S+)", text, re.M)
            assert plain and plain == extra, (lock, wanted, plain, extra)
