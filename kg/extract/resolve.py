"""Entity resolution across the corpus: acronym senses per paper first, corpus-wide second.

- Variants that differ only in case, hyphens or spaces share a key (GPT-4o ≡ GPT4o);
  version suffixes stay distinct (GPT-4 ≠ GPT-4o, LLaMA-Adapter ≠ LLaMA-Adapter V2).
- A paper's own acronym definition decides what the acronym means in that paper,
  "long form (ACR)" as well as "ACR (long form)": "context-free grammar (CFG)" is not
  the gazetteer's classifier-free guidance. The gazetteer joins a paper's long form
  only when its expansion agrees (or it lists none).
- A bare acronym the paper does not define takes the sense its own text points to
  (a distinctive word of one expansion appears in the paper: "SD" beside "diffusion"),
  else the gazetteer's sense, else it stays an entity of its own. So adding papers
  never moves another paper's acronym to a sense that paper's text gives no sign of;
  two papers expanding one acronym differently give two entities.
- Model sizes and tunes are entities of their own ("Llama-3-8B" ≠ "Llama-3-70B"), with
  ``family`` the id of the entity they vary (Llama 3).
- Names and ids do not depend on how many papers use a spelling: the gazetteer's
  spelling, else a fixed order over the spellings seen, so they are pure functions
  of the set of names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.abbreviation import agrees, evidence_stems, is_acronym, sense_key, spells, text_stems
from kg.extract.lexicon import GazetteerEntry, Lexicon
from kg.gcpause import paused_gc
from kg.ids import entity_key, node_id
from kg.model import EntityType, Extraction, Mention
from kg.unionfind import UnionFind

__all__ = ["Entity", "Resolution", "resolve_entities", "variant_base"]

_VARIANT = re.compile(r"[-\s_]+(?:\d+(?:\.\d+)?[BbMm]|\d+x\d+(?:\.\d+)?[BbMm]|Instruct|Chat|Base|it|hf)$")


@dataclass
class Entity:
    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    family: str | None = None  # id of the entity this one is a size or tune of


@dataclass
class Resolution:
    entities: dict[str, Entity]  # id -> entity
    by_surface: dict[tuple[str, str], str]  # (family, key of a surface) -> entity id, where the corpus agrees
    by_paper: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (paper, family, key) -> entity id

    def entity_of(self, kind: EntityType, surface: str, paper: str | None = None) -> Entity:
        """The entity ``surface`` names in ``paper`` (or corpus-wide when the corpus agrees)."""
        fam, key = _family(kind), entity_key(surface)
        eid = self.by_paper.get((paper, fam, key)) if paper is not None else None
        return self.entities[eid if eid is not None else self.by_surface[(fam, key)]]


def _family(kind: EntityType) -> str:
    return "method" if kind is EntityType.METHOD else "data"


def variant_base(name: str) -> str:
    """The name without size and tune suffixes: "Llama-3.1-70B-Instruct" → "Llama-3.1"."""
    while True:
        shorter = _VARIANT.sub("", name)
        if shorter == name or not shorter.strip():
            return name
        name = shorter


def _long_forms(entry: GazetteerEntry) -> list[str]:
    return [s for s in (entry.name, *entry.aliases) if len(sense_key(s)) > 1]


@dataclass
class _Sense:
    target: str  # key of the long form (or of the gazetteer entry's name)
    evidence: set[str]
    gazetteer: bool = False
    papers: set[str] = field(default_factory=set)  # papers that define it ("" for the gazetteer)


class _Resolver:
    def __init__(self, extractions: list[Extraction], lexicon: Lexicon, texts: Mapping[str, str] | None) -> None:
        self.extractions = extractions
        self.lexicon = lexicon
        self.texts = texts or {}
        self.union: UnionFind[tuple[str, str]] = UnionFind()
        self.spellings: dict[tuple[str, str], set[str]] = defaultdict(set)  # node -> surfaces
        self.votes: dict[tuple[str, str], Counter[EntityType]] = defaultdict(Counter)
        self.paper_key: dict[tuple[str, str, str], str] = {}  # (paper, family, surface key) -> node key
        self.own: dict[str, dict[tuple[str, str], str]] = {}  # paper -> (family, acronym key) -> long form
        # (family, acronym key) -> sense key -> [(paper, long form)]: every paper's own definitions
        self.senses: dict[tuple[str, str], dict[tuple[str, ...], list[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(list))
        self.option_cache: dict[tuple[str, str], list[_Sense]] = {}
        self.joined: set[tuple[tuple[str, str], str]] = set()  # (node, gazetteer name) already joined

    def entry(self, fam: str, surface: str) -> GazetteerEntry | None:
        entry = self.lexicon.entries.get(entity_key(surface))  # exact: sizes are not their family
        return entry if entry is not None and _family(entry.type) == fam else None

    # -- per paper: what the paper itself says its acronyms mean --------------------------

    def definitions(self) -> None:
        for ex in self.extractions:
            own: dict[tuple[str, str], str] = {}
            for m in ex.mentions:
                for alias in m.aliases:
                    own.setdefault((_family(m.type), _acronym_key(alias)), m.name)
            multiword = [o for o in ex.mentions if " " in o.name.strip() or "-" in o.name]
            for m in ex.mentions:  # "ACR (Long Form)": the paper names both, the long form spells the acronym
                if m.aliases or not is_acronym(m.name):
                    continue
                fam, key = _family(m.type), _acronym_key(m.name)
                if (fam, key) in own:
                    continue
                longs = {entity_key(o.name): o.name for o in multiword
                         if o is not m and _family(o.type) == fam and spells(m.name, o.name)}
                if len(longs) == 1:
                    own[(fam, key)] = next(iter(longs.values()))
            self.own[ex.paper_id] = own
            for (fam, akey), long in own.items():
                if akey != entity_key(long) and spells_any(akey, long, ex.mentions):
                    self.senses[(fam, akey)][sense_key(long)].append((ex.paper_id, long))

    # -- a bare acronym the paper does not define -----------------------------------------

    def sense_of(self, paper: str, fam: str, surface: str, read: Callable[[], set[str]]) -> str:
        surface = _singular(surface)
        akey = entity_key(surface)
        gaz = self.entry(fam, surface)
        options = [o for o in self.options(fam, akey, gaz) if o.papers != {paper}]  # not only this paper's
        undecided = len(options) > 1 or any(not o.gazetteer for o in options)
        evidence = read() if undecided else set()  # the paper is read only when it can change the answer
        scored = sorted(((len(o.evidence & evidence), o.gazetteer, o.target) for o in options), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0] or scored[0][1]):
            return scored[0][2]  # the paper's own words point at one sense
        if gaz is not None:
            return entity_key(gaz.name)  # field knowledge, the same whatever else is added
        return akey  # no sign which sense: the acronym stays itself

    def options(self, fam: str, akey: str, gaz: GazetteerEntry | None) -> list[_Sense]:
        """The senses an acronym has: the gazetteer's (with the definitions that agree with it)
        and one per different expansion the corpus's papers define."""
        if (fam, akey) in self.option_cache:
            return self.option_cache[(fam, akey)]
        options: list[_Sense] = []
        if gaz is not None:
            longs = _long_forms(gaz)
            options.append(_Sense(entity_key(gaz.name), set().union(*map(evidence_stems, longs)), True, {""}))
        for _, defined in sorted(self.senses.get((fam, akey), {}).items()):
            longs = sorted({long for _, long in defined})
            evidence = set().union(*map(evidence_stems, longs))
            if gaz is not None and all(agrees(long, _long_forms(gaz)) for long in longs):
                options[0].evidence |= evidence
                continue
            options.append(_Sense(min(map(entity_key, longs)), evidence, False, {p for p, _ in defined}))
        self.option_cache[(fam, akey)] = options
        return options

    # -- the corpus -----------------------------------------------------------------------

    def nodes(self) -> None:
        for ex in self.extractions:
            own = self.own[ex.paper_id]
            text = self.texts.get(ex.paper_id)
            read = _reader(text if text is not None else " ".join(m.sentence for m in ex.mentions))
            senses: dict[tuple[str, str], str] = {}  # a paper mentions an acronym again and again
            for m in ex.mentions:
                fam, key = _family(m.type), _acronym_key(m.name)
                if (fam, key) in own and entity_key(own[(fam, key)]) != entity_key(m.name):
                    target = entity_key(own[(fam, key)])  # "ACR (Long Form)" or a defined acronym
                elif is_acronym(m.name) and not m.aliases:
                    target = senses.get((fam, m.name)) or senses.setdefault(
                        (fam, m.name), self.sense_of(ex.paper_id, fam, m.name, read))
                else:
                    target = entity_key(m.name)
                self.add(ex.paper_id, fam, m, target)

    def add(self, paper: str, fam: str, m: Mention, target: str) -> None:
        node = (fam, target)
        self.union.find(node)
        self.votes[node][m.type] += 1
        for surface in (m.name, *m.aliases):
            self.paper_key[(paper, fam, entity_key(surface))] = target
            self.spellings[node].add(surface)
        gaz = self.lexicon.entries.get(target)  # the name itself, or the sense picked for a bare acronym
        if gaz is not None and _family(gaz.type) == fam:
            self.join_gazetteer(node, gaz)
        for alias in m.aliases:  # "Low-Rank Adaptation (LoRA)": the gazetteer's LoRA when the expansions agree
            gaz = self.entry(fam, _singular(alias))
            if gaz is not None and agrees(m.name, _long_forms(gaz)):
                self.join_gazetteer(node, gaz)

    def join_gazetteer(self, node: tuple[str, str], gaz: GazetteerEntry) -> None:
        if (node, gaz.name) in self.joined:
            return
        self.joined.add((node, gaz.name))
        home = (node[0], entity_key(gaz.name))
        self.union.union(node, home)
        self.spellings[home].add(gaz.name)
        for alias in gaz.aliases:  # known surfaces of the entry, also as aliases
            self.spellings[(node[0], entity_key(alias))].add(alias)
            self.union.union(home, (node[0], entity_key(alias)))

    def entities(self) -> Resolution:
        groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for node in sorted(self.union.parent):
            groups[self.union.find(node)].append(node)
        entities: dict[str, Entity] = {}
        node_entity: dict[tuple[str, str], str] = {}
        for members in groups.values():
            fam = members[0][0]
            surfaces = set().union(*(self.spellings.get(n, set()) for n in members)) or {members[0][1]}
            name = self.name_of(members, surfaces)
            kinds: Counter[EntityType] = Counter()
            for n in members:
                kinds.update(self.votes.get(n, Counter()))
            if fam == "method":
                kind = EntityType.METHOD
            else:
                benchmark = kinds[EntityType.BENCHMARK] >= kinds[EntityType.DATASET]
                kind = EntityType.BENCHMARK if benchmark else EntityType.DATASET
            eid = node_id(kind.value, name)
            aliases = sorted(s for s in surfaces if s != name)
            if eid in entities:  # two groups folding to the same id: merge them
                entities[eid].aliases = sorted(set(entities[eid].aliases) | set(aliases))
            else:
                entities[eid] = Entity(eid, kind, name, aliases)
            for n in members:
                node_entity[n] = eid
        by_paper = {k: node_entity[(k[1], target)] for k, target in self.paper_key.items()}
        by_surface = self.corpus_view(node_entity, by_paper)
        self.families(entities, by_surface)
        return Resolution(entities=entities, by_surface=by_surface, by_paper=by_paper)

    def name_of(self, members: list[tuple[str, str]], surfaces: set[str]) -> str:
        entries = sorted({e.name for f, k in members if (e := self.lexicon.entries.get(k)) is not None
                          and _family(e.type) == f}, key=entity_key)
        if entries:
            return entries[0]  # the gazetteer's spelling: "GLUE", not a title's "Glue"
        # the long form over the acronym, then a fixed order over spellings (not counts:
        # a name must not change because more papers arrive)
        return min(surfaces, key=lambda s: (is_acronym(s), -sum(c.isupper() for c in s),
                                            -len(re.findall(r"-+", s)), s.count(" "), len(s), s))

    def corpus_view(self, node_entity: dict[tuple[str, str], str],
                    by_paper: dict[tuple[str, str, str], str]) -> dict[tuple[str, str], str]:
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (_, fam, key), eid in by_paper.items():
            seen[(fam, key)].add(eid)
        view = {k: next(iter(ids)) for k, ids in seen.items() if len(ids) == 1}
        view.update(node_entity)  # a key that is an entity's own name means that entity
        return view

    def families(self, entities: dict[str, Entity], by_surface: dict[tuple[str, str], str]) -> None:
        for entity in list(entities.values()):
            fam = _family(entity.type)
            if self.entry(fam, entity.name) is not None:
                continue  # a gazetteer name is its own family (GPT-4 Turbo)
            base = variant_base(entity.name)
            if base == entity.name:
                continue
            eid = by_surface.get((fam, entity_key(base)))
            gaz = self.lexicon.lookup(base)
            if eid is None and gaz is not None and _family(gaz.type) == fam:
                eid = node_id(gaz.type.value, gaz.name)
                if eid not in entities:  # the family is known field knowledge: give it its node
                    entities[eid] = Entity(eid, gaz.type, gaz.name, sorted(gaz.aliases))
            if eid is not None and eid != entity.id:
                entity.family = eid


def _reader(text: str) -> Callable[[], set[str]]:
    """The stems of ``text``, computed on the first call only."""
    cache: list[set[str]] = []
    return lambda: cache[0] if cache else cache.append(text_stems(text)) or cache[0]


@lru_cache(maxsize=1 << 16)
def _singular(name: str) -> str:
    """ "LoRAs" → "LoRA", "LLMs" → "LLM": a plural acronym names the same thing."""
    return name[:-1] if is_acronym(name) and len(name) > 2 and name[-1] == "s" and name[-2].isupper() else name


def _acronym_key(name: str) -> str:
    return entity_key(_singular(name))


def spells_any(akey: str, long: str, mentions: list[Mention]) -> bool:
    """The acronym (by key) is spelled by ``long`` in one of the surfaces the paper wrote for it."""
    return any(spells(a, long) for m in mentions for a in (m.name, *m.aliases) if _acronym_key(a) == akey)


def resolve_entities(extractions: list[Extraction], lexicon: Lexicon,
                     texts: Mapping[str, str] | None = None) -> Resolution:
    """One entity per thing named; ``texts`` (paper id → title and abstract) is where a
    paper's own words are read to pick an acronym's sense (default: its mentions' sentences)."""
    with paused_gc():
        resolver = _Resolver(extractions, lexicon, texts)
        resolver.definitions()
        resolver.nodes()
        return resolver.entities()
