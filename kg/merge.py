"""One paper, many sources: records that share an arXiv id or a folded title
become one :class:`Paper` that keeps both languages, every source and the union
of authors and links."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from kg.ids import fold, identity_key, paper_id
from kg.model import LoadError, Paper, PaperRecord
from kg.spill import ModelList
from kg.unionfind import Positions
from kg.years import paper_year

__all__ = ["Merging", "merge_records", "reconcile"]


def _first(values: Iterable[object]) -> object:
    return next((v for v in values if v), None)


def _merge_authors(lists: list[list[str]]) -> list[str]:
    """The longest list keeps its order; names only other records know are appended."""
    merged: list[str] = []
    seen: set[str] = set()
    for names in sorted(lists, key=len, reverse=True):
        for name in names:
            key = fold(name)
            if key and key not in seen:
                seen.add(key)
                merged.append(name)
    return merged


# Every field is passed when a paper is made, so every paper's pydantic "fields set" is this same set: one
# shared object instead of a 20-name set per paper (~2.3 KB each, 230 MB at 100k papers). Setting a field
# later adds a name already in it, so the sharing changes nothing pydantic reports.
_EVERY_FIELD = set(Paper.model_fields)


def _merge_group(records: list[PaperRecord]) -> Paper:
    paper = _make_paper(records)
    if paper.model_fields_set == _EVERY_FIELD:
        object.__setattr__(paper, "__pydantic_fields_set__", _EVERY_FIELD)
    return paper


def _make_paper(records: list[PaperRecord]) -> Paper:
    arxiv_id = _first(r.arxiv_id for r in records)
    title = _first(r.title for r in records) or _first(r.title_zh for r in records)
    assert isinstance(title, str)
    categories: list[str] = []
    references: list[str] = []
    cited_by: list[str] = []
    for r in records:
        categories += [c for c in r.categories if c not in categories]
        references += [c for c in r.references if c not in references]
        cited_by += [c for c in r.cited_by if c not in cited_by]
    return Paper(
        id=paper_id(arxiv_id, title, _first(r.doi for r in records),  # type: ignore[arg-type]
                    _first(r.openalex_id for r in records)),  # type: ignore[arg-type]
        title=title,
        title_zh=_first(r.title_zh for r in records),  # type: ignore[arg-type]
        abstract=max((r.abstract for r in records if r.abstract), key=len, default=None),
        abstract_zh=max((r.abstract_zh for r in records if r.abstract_zh), key=len, default=None),
        authors=_merge_authors([r.authors for r in records]),
        arxiv_id=arxiv_id,  # type: ignore[arg-type]
        doi=_first(r.doi for r in records),  # type: ignore[arg-type]
        openalex_id=_first(r.openalex_id for r in records),  # type: ignore[arg-type]
        s2_id=_first(r.s2_id for r in records),  # type: ignore[arg-type]
        s2_paper_id=_first(r.s2_paper_id for r in records),  # type: ignore[arg-type]
        references=references,
        cited_by=cited_by,
        url=_first(r.url for r in records),  # type: ignore[arg-type]
        pdf_url=_first(r.pdf_url for r in records)
        or (f"https://arxiv.org/pdf/{arxiv_id}" if arxiv_id else None),
        code_url=_first(r.code_url for r in records),  # type: ignore[arg-type]
        year=paper_year(_first(r.year for r in records), _first(r.date for r in records), arxiv_id),  # type: ignore[arg-type]
        date=_first(r.date for r in records),  # type: ignore[arg-type]
        categories=categories,
        sources=[r.where for r in records],
    )


class Merging:
    """Records in, one at a time (:meth:`add`); merged papers out (:meth:`papers`).

    What is held for the whole input is an index: each arXiv id, DOI, OpenAlex and Semantic Scholar
    id and folded title with the position of the first record that had it, the groups those join
    (a union-find over positions) and a count of records per file. The records themselves go to
    ``records`` as they come: a :class:`kg.spill.ModelList` (on disk, a few bytes each in memory) by
    default, or a plain list. Papers are made one group at a time, in the same container kind.
    """

    def __init__(self, spill: bool = True) -> None:
        self._spill = spill
        self._records: list[PaperRecord] | ModelList[PaperRecord] = (
            ModelList(PaperRecord, ()) if spill else [])
        self._groups = Positions()
        self._by_arxiv: dict[str, int] = {}
        self._by_other: dict[str, int] = {}  # DOI, OpenAlex and Semantic Scholar ids join records too
        self._by_title: dict[str, int] = {}
        self._title_first = array("q")  # per record: the first record with its folded title
        self.built: Counter[str] = Counter()  # records per file
        self.kept: Counter[str] = Counter()  # papers per file of their first record (once made)
        self.merged: Counter[str] = Counter()  # records per file merged into a paper another record gave
        self.ids: list[str] = []  # the papers' ids in paper order (once made)

    def __len__(self) -> int:
        """The records added."""
        return sum(self.built.values())

    def add(self, r: PaperRecord) -> None:
        i = len(self._title_first)
        self._groups.add()
        if r.arxiv_id:
            self._groups.union(self._by_arxiv.setdefault(r.arxiv_id, i), i)
        for key in (f"doi:{r.doi.lower()}" if r.doi else None, f"openalex:{r.openalex_id}" if r.openalex_id else None,
                    f"s2:{r.s2_id}" if r.s2_id else None, f"s2paper:{r.s2_paper_id}" if r.s2_paper_id else None):
            if key:
                self._groups.union(self._by_other.setdefault(key, i), i)
        self._title_first.append(self._by_title.setdefault(identity_key(r.title or r.title_zh or ""), i))
        self._records.append(r)
        self.built[r.source] += 1

    def _join_titles(self) -> None:
        """Records with the same folded title join, in reading order, unless both sides
        already carry arXiv ids and those differ (after every id has joined its records)."""
        groups = self._groups
        ids_of: dict[int, set[str]] = {}
        for arxiv_id, first in self._by_arxiv.items():  # every record with this id is in first's group
            ids_of.setdefault(groups.find(first), set()).add(arxiv_id)
        none: set[str] = set()
        for i, j in enumerate(self._title_first):
            a, b = groups.find(i), groups.find(j)
            if a == b:
                continue
            ids_a, ids_b = ids_of.get(a, none), ids_of.get(b, none)
            if ids_a and ids_b and ids_a != ids_b:
                continue
            groups.union(a, b)
            ids_of[groups.find(a)] = ids_a | ids_b
        for index in (self._by_arxiv, self._by_other, self._by_title):
            index.clear()
        self._title_first = array("q")

    def papers(self) -> Sequence[Paper]:
        """Every paper, sorted by id (ties in the order of their first record); once, after the last :meth:`add`."""
        self._join_titles()
        made: list[Paper] | ModelList[Paper] = ModelList(Paper, ()) if self._spill else []
        ids: list[str] = []
        for members in self._groups.members():
            paper = _merge_group([self._records[k] for k in members])
            made.append(paper)
            ids.append(paper.id)
            _tally(paper, self.kept, self.merged)
        self._records = []  # read for the last time
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self.ids = [ids[k] for k in order]
        if isinstance(made, ModelList):
            return ModelList(Paper, (made.texts[k] for k in order))
        return [made[k] for k in order]

    def reconcile(self, errors: Iterable[LoadError], formats: Mapping[str, str] | None = None,
                  ) -> dict[str, dict[str, object]]:
        """:func:`reconcile` of the records added, once :meth:`papers` has been made."""
        return _report(self.built, Counter(e.source for e in errors), self.kept, self.merged, formats)


def merge_records(records: Iterable[PaperRecord]) -> list[Paper]:
    """Merge records naming the same paper; papers come out sorted by id (held in memory:
    a build streams its records through :class:`Merging` instead).

    Identity is the arXiv id when a record has one, else the folded English
    title. Two records whose arXiv ids differ are never merged, even when their
    titles agree.
    """
    merging = Merging(spill=False)
    for r in records:
        merging.add(r)
    return list(merging.papers())


def _file_of(where: str) -> str:
    return where.rsplit(":", 1)[0]


def _tally(paper: Paper, kept: Counter[str], merged: Counter[str]) -> None:
    """The paper is kept by the file of its first record; its other records' files merged into it."""
    if paper.sources:
        kept[_file_of(paper.sources[0])] += 1
        merged.update(_file_of(w) for w in paper.sources[1:])


def reconcile(
    records: Iterable[PaperRecord], errors: Iterable[LoadError], papers: Iterable[Paper],
    formats: Mapping[str, str] | None = None,
) -> dict[str, dict[str, object]]:
    """Per input file: ``records`` read (built or rejected) = ``papers`` it gave first
    + ``merged`` into a paper another record gave + ``rejected`` (its errors).

    A paper is "kept" by the file of its first record (in reading order), so the
    papers column adds up to the number of papers. ``unaccounted`` is a built
    record that no paper lists; it is always 0 unless merging lost something.
    """
    kept: Counter[str] = Counter()
    merged: Counter[str] = Counter()
    for paper in papers:
        _tally(paper, kept, merged)
    return _report(Counter(r.source for r in records), Counter(e.source for e in errors), kept, merged, formats)


def _report(built: Counter[str], rejected: Counter[str], kept: Counter[str], merged: Counter[str],
            formats: Mapping[str, str] | None) -> dict[str, dict[str, object]]:
    files = sorted(set(formats or {}) | set(built) | set(rejected))
    report: dict[str, dict[str, object]] = {}
    for name in files:
        report[name] = {
            "format": (formats or {}).get(name),
            "records": built[name] + rejected[name],
            "papers": kept[name],
            "merged": merged[name],
            "rejected": rejected[name],
            "unaccounted": built[name] - kept[name] - merged[name],
        }
    return report
