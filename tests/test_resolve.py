from __future__ import annotations

import json

from kg.extract.lexicon import load_lexicon
from kg.extract.resolve import resolve_entities
from kg.graph import make_graph
from kg.model import EntityType, Extraction, Mention, Paper, Predicate

METHOD = EntityType.METHOD


def m(name, *aliases, kind=METHOD, role=Predicate.USES):
    return Mention(type=kind, name=name, aliases=list(aliases), role=role, sentence="s", rule="r")


def resolve(*papers, texts=None):
    extractions = [Extraction(paper_id=f"p{i}", mentions=list(ms)) for i, ms in enumerate(papers)]
    return resolve_entities(extractions, load_lexicon(), texts)


def test_acronym_learned_in_one_paper_links_bare_acronym_in_another():
    r = resolve([m("Process Reward Model", "PRM")], [m("PRM")])
    a = r.entity_of(METHOD, "PRM", "p1")
    assert a is r.entity_of(METHOD, "Process Reward Model", "p0")
    assert a.name == "Process Reward Model" and "PRM" in a.aliases


def test_case_hyphen_space_variants_are_one_entity():
    r = resolve([m("GPT-4o")], [m("GPT4o")], [m("gpt 4o")])
    assert len({r.entity_of(METHOD, s, f"p{i}").id for i, s in enumerate(("GPT-4o", "GPT4o", "gpt 4o"))}) == 1


def test_version_suffixes_stay_distinct():
    r = resolve([m("LLaMA-Adapter")], [m("LLaMA-Adapter V2")], [m("GPT-4")], [m("GPT-4o")])
    assert r.entity_of(METHOD, "LLaMA-Adapter").id != r.entity_of(METHOD, "LLaMA-Adapter V2").id
    assert r.entity_of(METHOD, "GPT-4").id != r.entity_of(METHOD, "GPT-4o").id


def test_ambiguous_acronym_does_not_join_two_long_forms():
    r = resolve([m("Soft Actor-Critic", "SAC")], [m("Self-Attention Coupling", "SAC")])
    assert r.entity_of(METHOD, "Soft Actor-Critic").id != r.entity_of(METHOD, "Self-Attention Coupling").id
    assert r.entity_of(METHOD, "SAC", "p0").name == "Soft Actor-Critic"
    assert r.entity_of(METHOD, "SAC", "p1").name == "Self-Attention Coupling"


def test_gazetteer_aliases_join_and_data_type_is_voted():
    r = resolve([m("Low-Rank Adaptation")], [m("LoRA")],
                [m("ImageNet", kind=EntityType.DATASET, role=Predicate.USES_DATASET)],
                [m("ImageNet", kind=EntityType.BENCHMARK, role=Predicate.EVALUATES_ON)],
                [m("ImageNet-1K", kind=EntityType.BENCHMARK, role=Predicate.EVALUATES_ON)])
    assert r.entity_of(METHOD, "LoRA") is r.entity_of(METHOD, "Low-Rank Adaptation")
    imagenet = r.entity_of(EntityType.DATASET, "ImageNet")
    assert imagenet.type is EntityType.BENCHMARK and imagenet is r.entity_of(EntityType.BENCHMARK, "ImageNet-1K")


# -- a paper's own definition wins over the gazetteer -----------------------------------


def test_own_definition_wins_over_gazetteer_sense():
    r = resolve([m("context-free grammar", "CFG")], [m("mean absolute error", "MAE")], [m("CFG")], [m("MAE")])
    cfg, mae = r.entity_of(METHOD, "CFG", "p0"), r.entity_of(METHOD, "MAE", "p1")
    assert cfg.name == "context-free grammar" and "classifier-free guidance" not in cfg.aliases
    assert mae.name == "mean absolute error" and "Masked Autoencoder" not in mae.aliases
    # a paper that does not define them and gives no sign of another sense: the gazetteer's
    assert r.entity_of(METHOD, "CFG", "p2").name == "classifier-free guidance"
    assert r.entity_of(METHOD, "MAE", "p3").name == "MAE"  # the Masked Autoencoder entry
    assert r.entity_of(METHOD, "MAE", "p3").id != mae.id


def test_agreeing_expansion_joins_the_gazetteer_entry():
    r = resolve([m("Proximal Policy Optimisation", "PPO")], [m("PPO")])
    assert r.entity_of(METHOD, "PPO", "p0") is r.entity_of(METHOD, "PPO", "p1")


def test_two_expansions_of_one_acronym_stay_two_entities():
    texts = {"p0": "x", "p1": "y", "p2": "We report SDM results.", "p3": "SDM with a score distillation loss."}
    r = resolve([m("Sparse Delta Memory", "SDM")], [m("Score Distillation Matching", "SDM")], [m("SDM")], [m("SDM")],
                texts=texts)
    a, b = r.entity_of(METHOD, "SDM", "p0"), r.entity_of(METHOD, "SDM", "p1")
    assert a.id != b.id and a.name == "Sparse Delta Memory" and b.name == "Score Distillation Matching"
    assert r.entity_of(METHOD, "SDM", "p2").name == "SDM"  # no sign which: the acronym stays itself
    assert r.entity_of(METHOD, "SDM", "p3") is b  # its own words ("score distillation") choose


def test_bare_acronym_without_sign_does_not_take_another_papers_sense():
    texts = {"p0": "Sparse Delta Memory (SDM) stores deltas.", "p1": "We compare against SDM on retrieval."}
    r = resolve([m("Sparse Delta Memory", "SDM")], [m("SDM")], texts=texts)
    assert r.entity_of(METHOD, "SDM", "p1").name == "SDM"
    texts["p1"] = "We compare against SDM and its sparse updates."
    r = resolve([m("Sparse Delta Memory", "SDM")], [m("SDM")], texts=texts)
    assert r.entity_of(METHOD, "SDM", "p1").name == "Sparse Delta Memory"


def test_acronym_first_form_is_one_entity():
    r = resolve([m("SRTA"), m("Self-Routed Tensor Adapters")], [m("MATH"), m("Monte Carlo Tree Search")])
    srta = r.entity_of(METHOD, "SRTA", "p0")
    assert srta is r.entity_of(METHOD, "Self-Routed Tensor Adapters", "p0")
    assert srta.name == "Self-Routed Tensor Adapters" and srta.aliases == ["SRTA"]
    assert r.entity_of(METHOD, "MATH", "p1") is not r.entity_of(METHOD, "Monte Carlo Tree Search", "p1")


def test_a_name_with_the_acronym_inside_is_a_variant_not_its_long_form():
    r = resolve([m("PaSa"), m("PaSa-Agent")], [m("HDT"), m("HDT-Net")])
    assert r.entity_of(METHOD, "PaSa", "p0") is not r.entity_of(METHOD, "PaSa-Agent", "p0")
    assert r.entity_of(METHOD, "HDT", "p1") is not r.entity_of(METHOD, "HDT-Net", "p1")


def test_plural_acronym_is_its_singular():
    r = resolve([m("LoRA"), m("LoRAs")])
    assert r.entity_of(METHOD, "LoRAs", "p0") is r.entity_of(METHOD, "LoRA", "p0")


# -- sizes and families ---------------------------------------------------------------------


def test_sizes_stay_distinct_and_point_to_their_family():
    r = resolve([m("Llama-3-8B")], [m("Llama-3-70B")], [m("Llama 3")], [m("Llama-3-8B-Instruct")], [m("Llama3-8B")])
    small, large, family = (r.entity_of(METHOD, s) for s in ("Llama-3-8B", "Llama-3-70B", "Llama 3"))
    assert len({small.id, large.id, family.id, r.entity_of(METHOD, "Llama-3-8B-Instruct").id}) == 4
    assert small is r.entity_of(METHOD, "Llama3-8B")
    assert small.family == large.family == r.entity_of(METHOD, "Llama-3-8B-Instruct").family == family.id
    assert family.family is None


def test_family_known_only_to_the_gazetteer_gets_its_node_and_the_graph_carries_it():
    r = resolve([m("Qwen2.5-7B-Instruct")])
    sized = r.entity_of(METHOD, "Qwen2.5-7B-Instruct")
    assert sized.family == "method:qwen25" and r.entities["method:qwen25"].name == "Qwen2.5"
    papers = [Paper(id="p0", title="t")]
    G = make_graph(papers, [Extraction(paper_id="p0", mentions=[m("Qwen2.5-7B-Instruct")])], r)
    assert [(u, v) for u, v, d in G.edges(data=True) if d["type"] == "VARIANT_OF"] == [(sized.id, "method:qwen25")]


def test_size_of_a_corpus_name_points_to_it():
    r = resolve([m("PaSa", role=Predicate.PROPOSES), m("PaSa-7B")])
    assert r.entity_of(METHOD, "PaSa-7B").family == r.entity_of(METHOD, "PaSa").id


# -- stable, deterministic ---------------------------------------------------------------------


def test_result_does_not_depend_on_paper_order():
    papers = [[m("Stable Diffusion", "SD")], [m("Speculative Decoding", "SD")], [m("SD")], [m("SRTA"),
              m("Self-Routed Tensor Adapters")], [m("Llama-3-8B"), m("Llama 3")], [m("parameter efficient tuning")],
              [m("Parameter-Efficient Tuning")]]
    texts = {f"p{i}": "decoding" if i == 2 else "" for i in range(len(papers))}
    forward = resolve(*papers, texts=texts)
    extractions = [Extraction(paper_id=f"p{i}", mentions=ms) for i, ms in enumerate(papers)]
    backward = resolve_entities(list(reversed(extractions)), load_lexicon(), texts)
    assert forward.entities == backward.entities and forward.by_paper == backward.by_paper
    assert forward.entity_of(METHOD, "SD", "p2").name == "Speculative Decoding"


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _facts(G, paper):
    return sorted((d["type"], v, G.nodes[v]["name"]) for _, v, d in G.out_edges(paper, data=True))


def test_adding_a_paper_with_another_sense_keeps_the_first_papers_edges(tmp_path):
    """SD: one paper says Stable Diffusion, one Speculative Decoding. A paper saying only "SD"
    takes the sense its own words point to ("decode" → Speculative Decoding), else the
    gazetteer's (Stable Diffusion); adding the second paper changes neither the first
    paper's edges nor those of a bare "SD" paper with no sign of decoding."""
    from kg.build import build

    first = _write(tmp_path / "first.jsonl", [{
        "id": "2701.00001", "title": "LatentBoost: fewer sampling steps for image synthesis",
        "abstract": "We build on Stable Diffusion (SD) for text-to-image generation. Fine-tuning SD with the "
                    "LatentBoost schedule halves the number of sampling steps while keeping image quality."}])
    second = _write(tmp_path / "second.jsonl", [{
        "id": "2701.00002", "title": "TreeDraft: token trees for faster inference",
        "abstract": "Speculative Decoding (SD) accelerates autoregressive language model inference with a small "
                    "draft model. We propose TreeDraft, which extends SD to token trees and decodes twice as fast."}])
    bare = _write(tmp_path / "bare.jsonl", [
        {"id": "2701.00003", "title": "Latency of generative models on consumer hardware",
         "abstract": "We measure the latency of SD on consumer GPUs and report memory use for each setting."},
        {"id": "2701.00004", "title": "Batching draft tokens",
         "abstract": "We measure how SD behaves when the draft model and the target model decode in large batches."}])
    before = build([first, bare]).graph
    after = build([first, second, bare]).graph
    assert ("USES", "method:stablediffusion", "Stable Diffusion") in _facts(after, "arxiv:2701.00001")
    assert _facts(before, "arxiv:2701.00001") == _facts(after, "arxiv:2701.00001")
    assert _facts(before, "arxiv:2701.00003") == _facts(after, "arxiv:2701.00003") \
        == [("USES", "method:stablediffusion", "Stable Diffusion")]
    assert ("USES", "method:speculativedecoding", "Speculative Decoding") in _facts(after, "arxiv:2701.00002")
    assert _facts(after, "arxiv:2701.00004") == [("USES", "method:speculativedecoding", "Speculative Decoding")]
    assert "method:speculativedecoding" not in before  # it moved only because its own text says "decode"
