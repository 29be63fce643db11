"""Entity resolution across the corpus.

Surface forms that a paper states as equal ("Process Reward Model (PRM)") or
that the gazetteer lists as aliases are unified, and variants that differ only
in case, hyphens or spaces share a key already (GPT-4o ≡ GPT4o). Version
suffixes stay distinct (LLaMA-Adapter ≠ LLaMA-Adapter V2). An acronym that two
papers expand differently is not used to join their long forms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.lexicon import Lexicon
from kg.ids import entity_key, node_id
from kg.model import EntityType, Extraction
from kg.unionfind import UnionFind

__all__ = ["Entity", "Resolution", "resolve_entities"]


@dataclass
class Entity:
    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    entities: dict[str, Entity]  # id -> entity
    by_surface: dict[tuple[str, str], str]  # (family, key of a surface) -> entity id

    def entity_of(self, kind: EntityType, surface: str) -> Entity:
        return self.entities[self.by_surface[(_family(kind), entity_key(surface))]]


def _family(kind: EntityType) -> str:
    return "method" if kind is EntityType.METHOD else "data"


def resolve_entities(extractions: list[Extraction], lexicon: Lexicon) -> Resolution:
    surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    votes: dict[tuple[str, str], Counter[EntityType]] = defaultdict(Counter)
    expansions: dict[tuple[str, str], set[str]] = defaultdict(set)  # acronym key -> long-form keys
    union: UnionFind[str] = UnionFind()

    def node(family: str, key: str) -> str:
        return f"{family}\x00{key}"

    for ex in extractions:
        for m in ex.mentions:
            fam = _family(m.type)
            main = entity_key(m.name)
            surfaces[(fam, main)][m.name] += 1
            votes[(fam, main)][m.type] += 1
            union.find(node(fam, main))
            for alias in m.aliases:
                expansions[(fam, entity_key(alias))].add(main)
                surfaces[(fam, entity_key(alias))][alias] += 1
    for (fam, akey), longs in expansions.items():
        if len(longs) == 1:
            union.union(node(fam, akey), node(fam, next(iter(longs))))
    for (fam, key) in list(surfaces):
        entry = lexicon.lookup(next(iter(surfaces[(fam, key)])))
        if entry is None or _family(entry.type) != fam:
            continue
        for surface in (entry.name, *entry.aliases):
            skey = entity_key(surface)
            if len(expansions.get((fam, skey), ())) > 1:
                continue
            union.union(node(fam, key), node(fam, skey))
            surfaces[(fam, skey)][surface] += 0  # known surface, not counted as seen

    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for fam_key in surfaces:
        groups[union.find(node(*fam_key))].append(fam_key)

    entities: dict[str, Entity] = {}
    by_surface: dict[tuple[str, str], str] = {}
    for members in groups.values():
        fam = members[0][0]
        counts: Counter[str] = Counter()
        kinds: Counter[EntityType] = Counter()
        for fk in members:
            counts.update(surfaces[fk])
            kinds.update(votes.get(fk, Counter()))
        seen = [s for s, n in counts.items() if n > 0] or list(counts)
        entry = next((e for e in map(lexicon.lookup, seen) if e is not None), None)
        if entry is not None:
            name = entry.name  # the gazetteer's spelling: "GLUE", not a title's "Glue"
        else:
            # the longest form seen most often: long forms beat acronyms
            name = max(seen, key=lambda s: (len(s.split()) > 1 or "-" in s, counts[s], len(s), s))
        if fam == "method":
            kind = EntityType.METHOD
        else:
            kind = EntityType.BENCHMARK if kinds[EntityType.BENCHMARK] >= kinds[EntityType.DATASET] else EntityType.DATASET
        eid = node_id(kind.value, name)
        aliases = sorted(s for s in counts if s != name)
        if eid in entities:  # two groups folding to the same id: merge them
            entities[eid].aliases = sorted(set(entities[eid].aliases) | set(aliases))
        else:
            entities[eid] = Entity(eid, kind, name, aliases)
        for fk in members:
            by_surface[fk] = eid
    return Resolution(entities=entities, by_surface=by_surface)
