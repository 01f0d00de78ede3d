"""Which characters the PDF can show: the table in ``pdf_characters.txt`` and the rule behind it.

XeLaTeX typesets a character in one font and, when that font lacks it, writes "Missing character"
to its log and leaves a gap on the page. The PDF sets Chinese and the other characters xeCJK
counts as CJK in Noto CJK and everything else in the FreeFont family (see ``latex_elements`` in
conf.py), in regular, bold, italic and bold italic, serif, sans and mono. So a character can be
shown when

- xeCJK sends it to the CJK fonts and every Noto CJK face the PDF uses has it, or
- xeCJK leaves it to the Latin fonts and every FreeFont face has it.

The table is made from the installed fonts by ``python -m llm_catalog pdfchars --write`` (it needs
fontconfig and the fonts that ``make system-deps`` installs) and kept in the repository, so that
``make check`` needs no fonts; a test checks that the installed fonts have every character in it.
"""

from __future__ import annotations

import bisect
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("pdf_characters.txt")

#: The faces the PDF's fonts can take (fontconfig patterns); conf.py names the families.
LATIN_FACES = tuple(
    f"{family}:{style}"
    for family in ("FreeSerif", "FreeSans", "FreeMono")
    for style in ("regular", "bold", "italic", "bold:italic")
)
CJK_FACES = ("Noto Serif CJK SC", "Noto Sans CJK SC:bold", "Noto Sans CJK SC", "Noto Sans Mono CJK SC")

#: The ranges xeCJK's CJK class holds (``\c__xeCJK_CJK_chars_clist`` in xeCJK.sty, BMP and beyond),
#: and the full-width punctuation it also sets in the CJK font (its FullLeft and FullRight classes).
XECJK_CJK = (
    (0x02EA, 0x02EB),
    (0x2E80, 0x2EFF),
    (0x2F00, 0x2FDF),
    (0x2FF0, 0x2FFF),
    (0x3000, 0x303F),
    (0x3040, 0x309F),
    (0x30A0, 0x30FF),
    (0x3100, 0x312F),
    (0x3130, 0x318F),
    (0x3190, 0x319F),
    (0x31A0, 0x31BF),
    (0x31C0, 0x31EF),
    (0x31F0, 0x31FF),
    (0x3200, 0x32FF),
    (0x3300, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4DC0, 0x4DFF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA48F),
    (0xA490, 0xA4CF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x2FFFF),
    (0x30000, 0x3134F),
)
XECJK_FULL_WIDTH = (
    0x00B7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2025, 0x2026, 0x2027, 0x2E3A,
    0xFE50, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE59, 0xFE5A, 0xFE5B, 0xFE5C, 0xFE5D,
    0xFE5E, 0xFE69, 0xFE6A,
)  # fmt: skip


def is_cjk(code: int) -> bool:
    return code in XECJK_FULL_WIDTH or any(low <= code <= high for low, high in XECJK_CJK)


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """``20-7e a0 ...`` (fontconfig's charset, one range or code point per word, hex)."""
    ranges = []
    for word in text.split():
        low, _, high = word.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def codes(ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {code for low, high in ranges for code in range(low, high + 1)}


def _as_ranges(codes: set[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def face_charset(pattern: str) -> set[int]:
    """The code points of the installed font fontconfig picks for *pattern*; a face that is not
    installed (fontconfig substitutes another family) is an error, not a silent fallback."""
    match = subprocess.run(
        ["fc-match", "--format", "%{family}\n%{file}\n%{index}", pattern],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    family = pattern.partition(":")[0]
    if family not in match[0].split(","):
        raise LookupError(
            f"the font {family!r} is not installed (fontconfig offers {match[0]!r}): run make system-deps"
        )
    charset = subprocess.run(
        ["fc-query", "--index", match[2], "--format", "%{charset}", match[1]],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return codes(parse_ranges(charset))


def from_fonts() -> list[tuple[int, int]]:
    """The table as the installed fonts make it (see the module's rule)."""
    latin = set.intersection(*map(face_charset, LATIN_FACES))
    cjk = set.intersection(*map(face_charset, CJK_FACES))
    return _as_ranges({c for c in latin if not is_cjk(c)} | {c for c in cjk if is_cjk(c)})


HEADER = """\
# The characters the PDF's fonts can show, as hexadecimal ranges of code points.
# Made from the fonts by `python -m llm_catalog pdfchars --write` (see data/pdfchars.py);
# do not edit by hand. `make check` refuses any other character in the data file.
"""


def render(ranges: list[tuple[int, int]]) -> str:
    words = [f"{low:x}" if low == high else f"{low:x}-{high:x}" for low, high in ranges]
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    return HEADER + "\n".join(lines) + "\n"


def stored() -> list[tuple[int, int]]:
    """The table in the repository."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return parse_ranges("\n".join(line for line in lines if not line.startswith("#")))


@cache
def _table() -> tuple[list[int], list[int]]:
    ranges = stored()
    return [low for low, _ in ranges], [high for _, high in ranges]


def shows(char: str) -> bool:
    """Whether the PDF can show *char* (by the stored table)."""
    lows, highs = _table()
    index = bisect.bisect_right(lows, ord(char)) - 1
    return index >= 0 and ord(char) <= highs[index]
