"""A paper's year from what identifies it: an explicit year, an ISO date, or
the arXiv id (``2501.10120`` → 2025, ``hep-th/9901001`` → 1999)."""

from __future__ import annotations

import re

__all__ = ["year_of_arxiv", "paper_year"]

_NEW = re.compile(r"(\d{2})(\d{2})\.\d{4,5}")
_OLD = re.compile(r"[a-z\-]+(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}")


def year_of_arxiv(arxiv_id: str | None) -> int | None:
    """The submission year encoded in an arXiv id (YYMM); old-style ids start in 1991."""
    if not arxiv_id:
        return None
    m = _NEW.fullmatch(arxiv_id) or _OLD.fullmatch(arxiv_id)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    yy = int(m.group(1))
    if m.re is _NEW:
        return 2000 + yy if yy >= 7 else None  # new-style ids began in April 2007
    return 1900 + yy if yy >= 91 else 2000 + yy


def paper_year(year: int | None, date: str | None, arxiv_id: str | None) -> int | None:
    """The year a record states, else the year of its date, else the year of its arXiv id."""
    if year:
        return year
    if date and re.match(r"\d{4}-", date):
        return int(date[:4])
    return year_of_arxiv(arxiv_id)
