"""Write an arXiv-metadata-snapshot-shaped file of invented papers (one JSON object a line).

    python bench/make_snapshot.py --lines 100000 --out /tmp/snapshot-100k.jsonl [--seed 7]

Every line has the real file's keys (``id``, ``submitter``, ``authors``, ``title``,
``comments``, ``journal-ref``, ``doi``, ``report-no``, ``categories``, ``license``,
``abstract``, ``versions``, ``update_date``, ``authors_parsed``) and its quirks
(titles folded over lines, an abstract with leading spaces and a trailing newline,
LaTeX accents in names, old-style ids such as ``cs/0112017``, one to three
versions, a DOI on some papers). Titles and abstracts are composed from the word
lists below (no two titles alike), so papers differ from one another (which matters to the extraction
and to entity resolution) and nothing is copied from a real paper. The same
``--seed`` gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["snapshot_rows", "write_snapshot"]

ADJECTIVES = ("sparse adaptive robust efficient scalable hierarchical causal contrastive federated quantised "
              "multilingual self-supervised lightweight probabilistic differentiable recurrent modular "
              "uncertainty-aware retrieval-augmented low-rank equivariant streaming incremental").split()
METHOD_PHRASES = ("transformer", "graph neural network", "mixture of experts", "state-space model", "autoencoder",
                  "policy network", "reward model", "kernel method", "normalising flow", "memory module",
                  "language model", "vision encoder", "world model", "retriever", "speech recogniser",
                  "point-cloud network", "planner", "code generator", "protein folding model", "recommender")
TASKS = ("question answering", "image segmentation", "machine translation", "text summarisation",
         "molecule generation", "anomaly detection", "speech recognition", "code completion", "entity linking",
         "depth estimation", "time-series forecasting", "dialogue state tracking", "relation extraction",
         "object detection", "theorem proving", "weather prediction", "music transcription", "route planning")
DOMAINS = ("clinical notes", "satellite imagery", "legal contracts", "scientific papers", "robot manipulation",
           "low-resource languages", "edge devices", "financial news", "medical scans", "source code",
           "user reviews", "sensor networks", "video streams", "chemistry", "power grids")
VERBS = ("improves", "outperforms", "matches", "extends", "simplifies", "stabilises", "accelerates", "generalises")
METRICS = ("accuracy", "F1", "BLEU", "perplexity", "mean average precision", "recall at 10", "latency",
           "memory use", "calibration error", "ROUGE-L")
DATASET_STEMS = ("Lumen", "Quarry", "Orchid", "Tessel", "Marrow", "Vesper", "Juniper", "Cobalt", "Sable",
                 "Harbor", "Fennel", "Ember", "Nimbus", "Gossamer", "Thistle", "Quill")
SYLLABLES = ("", "ra", "vo", "ki", "lu", "ten", "mar", "osi", "del", "fa", "quo", "ny", "bel", "zu", "pra")
SUFFIXES = ("Net", "Former", "Flow", "Mix", "Lens", "Gate", "Bert", "GAN", "Diff", "RL")
GIVEN = ("Ana", "Bo", "Chiara", "Dmitri", "Eun-ji", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Lars",
         "Mei", "Nuno", "Olu", "Paz", "Quentin", "Rania", "Sven", "Tamar", "Uma", "Vikram", "Wen", "Yusuf", "Zofia")
FAMILY = ("Abara", "Brenner", "Castell", "Dufresne", "Eklund", "Fonseca", "Gartner", "Hollis", "Ibarra", "Jaskot",
          "Kowal", "Lindqvist", "Moreau", "Nakagawa", "Okafor", "Pereira", "Quist", "Rosen", "Sato", "Tavares",
          "Ulrich", "Varga", "Whitlock", "Xu", "Yilmaz", "Zeller")
ACCENTED = ("Fran\\c{c}ois", "Bal\\'azs", "M\\\"uller", "Jos\\'e", "Dvo\\v{r}\\'ak")  # as the snapshot writes names
CATEGORIES = ("cs.LG", "cs.CL", "cs.CV", "cs.AI", "cs.RO", "stat.ML", "cs.IR", "eess.AS", "q-bio.QM", "cs.DS")
OLD_ARCHIVES = ("cs", "hep-th", "math", "cond-mat", "astro-ph")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _title(rng: random.Random, name: str) -> str:
    task, method, domain = rng.choice(TASKS), rng.choice(METHOD_PHRASES), rng.choice(DOMAINS)
    adjective = rng.choice(ADJECTIVES)
    title = rng.choice((
        f"{name}: {adjective.capitalize()} {method}s for {task}",
        f"{adjective.capitalize()} {task} on {domain} with {method}s",
        f"On the {adjective} {method} for {task}",
        f"{name}: Towards {adjective} {task} in {domain}",
        f"When does a {adjective} {method} help {task}?",
    ))
    if len(title) > 60 and rng.random() < 0.4:  # the snapshot folds long titles over lines
        cut = title.rfind(" ", 0, 55)
        title = title[:cut] + "\n  " + title[cut + 1:]
    return title


def _abstract(rng: random.Random, name: str) -> str:
    task, method, domain = rng.choice(TASKS), rng.choice(METHOD_PHRASES), rng.choice(DOMAINS)
    dataset = rng.choice(DATASET_STEMS) + rng.choice(("Bench", "QA", "-1k", "Set", "Corpus"))
    baseline = rng.choice(METHOD_PHRASES)
    sentences = [
        f"We study {task} on {domain}, where current {rng.choice(METHOD_PHRASES)}s are {rng.choice(ADJECTIVES)} "
        f"but costly.",
        f"We propose {name}, a {rng.choice(ADJECTIVES)} {method} that {rng.choice(VERBS)} prior work "
        f"by sharing {rng.choice(ADJECTIVES)} states across layers.",
        f"{name} is trained on {dataset} and evaluated on {rng.choice(DATASET_STEMS)}{rng.choice(('Bench', 'QA'))}.",
        f"It {rng.choice(VERBS)} a strong {baseline} baseline by {rng.randint(1, 19)}.{rng.randint(0, 9)} points "
        f"of {rng.choice(METRICS)}.",
        f"Ablations show that the {rng.choice(ADJECTIVES)} component matters most for {rng.choice(TASKS)}.",
        f"Code and {dataset} are released.",
    ]
    kept = sorted(rng.sample(range(2, len(sentences)), rng.randint(1, len(sentences) - 2)))
    text = " ".join(sentences[:2] + [sentences[k] for k in kept])
    words = text.split(" ")  # the snapshot wraps abstracts at about 80 columns
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "  " + "\n".join(lines) + "\n"


def _authors(rng: random.Random) -> list[list[str]]:
    people = []
    for _ in range(rng.randint(1, 7)):
        if rng.random() < 0.05:
            family = rng.choice(ACCENTED)
        else:
            family = rng.choice(FAMILY)
        given = rng.choice(GIVEN) if rng.random() < 0.7 else rng.choice(GIVEN)[0] + "."
        people.append([family, given, ""])
    return people


def _created(rng: random.Random, year: int, month: int) -> str:
    day = rng.randint(1, 28)
    return f"{rng.choice(DAYS)}, {day} {MONTHS[month - 1]} {year} {rng.randint(0, 23):02d}:00:00 GMT"


def _key(title: str) -> str:
    """A title as kg compares titles: letters and digits only, case-folded."""
    return "".join(c for c in title.casefold() if c.isalnum())


def snapshot_rows(n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` invented snapshot rows; the same seed gives the same rows."""
    rng = random.Random(seed)
    seen: set[str] = set()
    for i in range(n):
        name = rng.choice(DATASET_STEMS)[:3] + rng.choice(SYLLABLES) + rng.choice(SUFFIXES) + \
            (str(rng.randint(2, 9)) if rng.random() < 0.3 else "")
        title = _title(rng, name)
        while _key(title) in seen:  # every title is new, as in the real file (papers with one title merge)
            title = _title(rng, name)
        seen.add(_key(title))
        if rng.random() < 0.03:
            year = 1995 + i % 12  # old-style ids, unique per i: archive/YYMMNNN
            arxiv_id = f"{OLD_ARCHIVES[i // 144_000 % 5]}/{year % 100:02d}{1 + i // 12 % 12:02d}{i // 144 % 1000:03d}"
        else:
            year = 2015 + i % 11
            arxiv_id = f"{year % 100:02d}{1 + i % 12:02d}.{i % 99999 + 1:05d}"
        month = 1 + i % 12
        people = _authors(rng)
        versions = [{"version": f"v{v + 1}", "created": _created(rng, year, month)} for v in range(rng.randint(1, 3))]
        yield {
            "id": arxiv_id,
            "submitter": f"{people[0][1]} {people[0][0]}",
            "authors": ", ".join(f"{p[1]} {p[0]}" for p in people[:-1]) + (" and " if len(people) > 1 else "")
                       + f"{people[-1][1]} {people[-1][0]}",
            "title": title,
            "comments": rng.choice((None, f"{rng.randint(4, 40)} pages", f"{rng.randint(2, 12)} figures")),
            "journal-ref": None,
            "doi": f"10.{rng.randint(1000, 99999)}/inv.{i}" if rng.random() < 0.2 else None,
            "report-no": None,
            "categories": " ".join(rng.sample(CATEGORIES, rng.randint(1, 3))),
            "license": rng.choice((None, "http://creativecommons.org/licenses/by/4.0/")),
            "abstract": _abstract(rng, name),
            "versions": versions,
            "update_date": f"{year}-{month:02d}-{rng.randint(1, 28):02d}",
            "authors_parsed": people,
        }


def write_snapshot(n: int, out: Path | TextIO, seed: int = 7) -> None:
    """Write ``n`` rows to a path (or an open text file), one JSON object a line."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as f:
            write_snapshot(n, f, seed)
        return
    for row in snapshot_rows(n, seed):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    write_snapshot(args.lines, args.out if args.out is not None else sys.stdout, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
