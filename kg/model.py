"""The typed contracts exchanged between stages.

Loaders yield :class:`PaperRecord` (one per paper mention in one file) and
:class:`LoadError`; the merge turns records into :class:`Paper`; extraction
returns an :class:`Extraction` per paper. Unknown fields are rejected so a
typo in a loader fails loudly instead of silently dropping data.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from kg.schema import ENTITY_LABELS, RELATIONS

__all__ = [
    "EntityType",
    "Predicate",
    "PaperRecord",
    "LoadError",
    "Paper",
    "Mention",
    "Relation",
    "Extraction",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Both enums come from the schema (kg/schema.py): the entity labels, e.g. EntityType.METHOD == "Method",
# and the relation types, e.g. Predicate.PROPOSES == "PROPOSES" (the Neo4j relationship type).
EntityType = Enum("EntityType", [(name.upper(), name) for name in ENTITY_LABELS], type=str)  # type: ignore[misc]
Predicate = Enum("Predicate", [(r.type, r.type) for r in RELATIONS], type=str)  # type: ignore[misc]


class PaperRecord(_Model):
    """One paper as read from one place in one input file."""

    source: str  # file path as given
    line: int  # 1-based line where the record starts
    title: str | None = None
    title_zh: str | None = None
    abstract: str | None = None
    abstract_zh: str | None = None
    authors: list[str] = Field(default_factory=list)
    arxiv_id: str | None = None
    doi: str | None = None
    openalex_id: str | None = None  # e.g. W2741809807
    s2_id: str | None = None  # Semantic Scholar CorpusId, e.g. 215416146
    s2_paper_id: str | None = None  # Semantic Scholar paperId (40 hex digits)
    url: str | None = None
    pdf_url: str | None = None
    code_url: str | None = None
    year: int | None = None
    date: str | None = None  # ISO 8601 date when known
    categories: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)  # cited works: "arxiv:…", "doi:…", "openalex:W…", "s2:…"
    cited_by: list[str] = Field(default_factory=list)  # works citing this one, same keys

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


class LoadError(_Model):
    """A record that could not be read; the rest of the file still is."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


class Paper(_Model):
    """A paper after merging every record that names it."""

    id: str
    title: str
    title_zh: str | None = None
    abstract: str | None = None
    abstract_zh: str | None = None
    authors: list[str] = Field(default_factory=list)
    arxiv_id: str | None = None
    doi: str | None = None
    openalex_id: str | None = None
    s2_id: str | None = None
    s2_paper_id: str | None = None
    url: str | None = None
    pdf_url: str | None = None
    code_url: str | None = None
    year: int | None = None
    date: str | None = None
    categories: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    cited_by: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)  # "file:line"


class Mention(_Model):
    """An entity as one paper names it, with the role the paper gives it."""

    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    role: Predicate  # PROPOSES, USES, USES_DATASET, EVALUATES_ON
    introduced: bool = False
    sentence: str
    rule: str


class Relation(_Model):
    """An entity-to-entity statement found in one paper (e.g. OUTPERFORMS)."""

    predicate: Predicate
    subject: str  # mention name
    object: str
    sentence: str
    rule: str


class Extraction(_Model):
    paper_id: str
    mentions: list[Mention] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
