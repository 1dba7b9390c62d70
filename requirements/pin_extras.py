"""Pin packages in the lock files both plain and with the extra a dependency asks for.

``python requirements/pin_extras.py FILE... -- smart-open[http] lxml[html_clean]``
(run by ``make lock``). pip's hash mode treats ``lxml`` and ``lxml[html_clean]`` as two
requirements: when a dependency asks for one that the lock pins only as the other
(justext wants ``lxml[html_clean]``, htmldate plain ``lxml``), pip looks for the newest
release on the index, and fails as soon as there is one ("all requirements must have
their versions pinned"). So each such package gets both pins, with the same version
and hashes. Running it again changes nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_PIN = re.compile(r"^([A-Za-z0-9_.-]+)(\[[^\]]+\])?==")


def _blocks(text: str) -> list[list[str]]:
    """The lock file's entries: a pin line and the indented or comment lines after it."""
    out: list[list[str]] = []
    for line in text.splitlines():
        if out and (line.startswith((" ", "#")) or not line):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def pin_extras(text: str, extras: list[str]) -> str:
    blocks = _blocks(text)
    for wanted in extras:
        name, extra = wanted.split("[", 1)
        extra = "[" + extra
        mine = [
            (i, m)
            for i, b in enumerate(blocks)
            if (m := _PIN.match(b[0])) and m.group(1).lower() == name.lower()
        ]
        if not mine:
            continue
        forms = {m.group(2) for _, m in mine}
        if {None, extra} <= forms:
            continue
        i, m = mine[0]
        base = blocks[i]
        version = base[0][m.end() :]  # "6.1.3 \"
        hashes = [line for line in base[1:] if line.strip().startswith("--hash=")]
        comments = base[1 + len(hashes) :]
        blocks[i : i + 1] = [
            [f"{name}=={version}", *hashes],
            [f"{name}{extra}=={version}", *hashes, *comments],
        ]
    return "\n".join(line for b in blocks for line in b) + "\n"


def main(argv: list[str]) -> int:
    sep = argv.index("--")
    for path in map(Path, argv[:sep]):
        path.write_text(pin_extras(path.read_text("utf-8"), argv[sep + 1 :]), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
