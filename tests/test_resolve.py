from __future__ import annotations

from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import resolve_entities
from kg.model import EntityType, Extraction, Mention, Predicate


def m(name, *aliases, kind=EntityType.METHOD, role=Predicate.USES):
    return Mention(type=kind, name=name, aliases=list(aliases), role=role, sentence="s", rule="r")


def resolve(*papers):
    extractions = [Extraction(paper_id=f"p{i}", mentions=list(ms)) for i, ms in enumerate(papers)]
    return resolve_entities(extractions, load_lexicon())


def test_acronym_learned_in_one_paper_links_bare_acronym_in_another():
    r = resolve([m("Process Reward Model", "PRM")], [m("PRM")])
    a = r.entity_of(EntityType.METHOD, "PRM")
    assert a is r.entity_of(EntityType.METHOD, "Process Reward Model")
    assert a.name == "Process Reward Model" and "PRM" in a.aliases


def test_case_hyphen_space_variants_are_one_entity():
    r = resolve([m("GPT-4o")], [m("GPT4o")], [m("gpt 4o")])
    assert len({r.entity_of(EntityType.METHOD, s).id for s in ("GPT-4o", "GPT4o", "gpt 4o")}) == 1


def test_version_suffixes_stay_distinct():
    r = resolve([m("LLaMA-Adapter")], [m("LLaMA-Adapter V2")])
    assert r.entity_of(EntityType.METHOD, "LLaMA-Adapter").id != r.entity_of(EntityType.METHOD, "LLaMA-Adapter V2").id


def test_ambiguous_acronym_does_not_join_two_long_forms():
    r = resolve([m("Soft Actor-Critic", "SAC")], [m("Self-Attention Coupling", "SAC")])
    assert r.entity_of(EntityType.METHOD, "Soft Actor-Critic").id != r.entity_of(EntityType.METHOD, "Self-Attention Coupling").id


def test_gazetteer_aliases_join_and_data_type_is_voted():
    r = resolve([m("Low-Rank Adaptation")], [m("LoRA")],
                [m("ImageNet", kind=EntityType.DATASET, role=Predicate.USES_DATASET)],
                [m("ImageNet", kind=EntityType.BENCHMARK, role=Predicate.EVALUATES_ON)],
                [m("ImageNet-1K", kind=EntityType.BENCHMARK, role=Predicate.EVALUATES_ON)])
    assert r.entity_of(EntityType.METHOD, "LoRA") is r.entity_of(EntityType.METHOD, "Low-Rank Adaptation")
    imagenet = r.entity_of(EntityType.DATASET, "ImageNet")
    assert imagenet.type is EntityType.BENCHMARK and imagenet is r.entity_of(EntityType.BENCHMARK, "ImageNet-1K")
