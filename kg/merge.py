"""One paper, many sources: records that share an arXiv id or a folded title
become one :class:`Paper` that keeps both languages, every source and the union
of authors and links."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from kg.ids import fold, identity_key, paper_id
from kg.model import LoadError, Paper, PaperRecord
from kg.unionfind import UnionFind
from kg.years import paper_year

__all__ = ["merge_records", "reconcile"]


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


def merge_records(records: list[PaperRecord]) -> list[Paper]:
    """Merge records naming the same paper; papers come out sorted by id.

    Identity is the arXiv id when a record has one, else the folded English
    title. Two records whose arXiv ids differ are never merged, even when their
    titles agree.
    """
    groups: UnionFind[int] = UnionFind()
    by_arxiv: dict[str, int] = {}
    by_other: dict[str, int] = {}  # DOI, OpenAlex and Semantic Scholar ids join records too
    for i, r in enumerate(records):
        if r.arxiv_id:
            groups.union(by_arxiv.setdefault(r.arxiv_id, i), i)
        for key in (f"doi:{r.doi.lower()}" if r.doi else None, f"openalex:{r.openalex_id}" if r.openalex_id else None,
                    f"s2:{r.s2_id}" if r.s2_id else None, f"s2paper:{r.s2_paper_id}" if r.s2_paper_id else None):
            if key:
                groups.union(by_other.setdefault(key, i), i)
    ids_of: dict[int, set[str]] = {}

    def ids(root: int) -> set[str]:
        return ids_of.get(root, set())

    for i, r in enumerate(records):
        if r.arxiv_id:
            ids_of.setdefault(groups.find(i), set()).add(r.arxiv_id)
    by_title: dict[str, int] = {}
    for i, r in enumerate(records):
        key = identity_key(r.title or r.title_zh or "")
        j = by_title.setdefault(key, i)
        a, b = groups.find(i), groups.find(j)
        if a == b or (ids(a) and ids(b) and ids(a) != ids(b)):
            continue
        merged = ids(a) | ids(b)
        groups.union(a, b)
        ids_of[groups.find(a)] = merged
    members: dict[int, list[PaperRecord]] = {}
    for i, r in enumerate(records):
        members.setdefault(groups.find(i), []).append(r)
    papers = [_merge_group(rs) for rs in members.values()]
    return sorted(papers, key=lambda p: p.id)


def _file_of(where: str) -> str:
    return where.rsplit(":", 1)[0]


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
    built = Counter(r.source for r in records)
    rejected = Counter(e.source for e in errors)
    kept: Counter[str] = Counter()
    merged: Counter[str] = Counter()
    for paper in papers:
        if paper.sources:
            kept[_file_of(paper.sources[0])] += 1
            merged.update(_file_of(w) for w in paper.sources[1:])
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
