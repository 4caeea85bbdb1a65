"""How well the organisation's view finds facts and joins the same fact told in different words (issue 13).

    .venv/bin/python bench/facts.py --eval bench/data/facts_heldout.json   # development data since 2026-12-03
    .venv/bin/python bench/facts.py --eval bench/data/facts_heldout2.json  # written blind: never tune on it
    .venv/bin/python bench/facts.py --demo                                 # the demo's own leavers (tuned on)
    .venv/bin/python bench/facts.py --scale 10000 [--runs 3] [--memory]   # time cluster_facts alone
    .venv/bin/python bench/facts.py --scale 10000 --varied [--before] [--check]  # mostly distinct wordings

Every wording is treated as a different leaver. Prints:
- concrete: the share of fact wordings and near distractors that `is_concrete` takes as checkable facts, and
  the share of vague statements it (wrongly) takes as facts;
- same fact: pairwise precision and recall of `cluster_facts` over the sentences taken as facts (a pair is
  right when both wordings are of one fact; recall counts every pair of wordings of a fact, also those lost
  because a wording was not taken as a fact), and how many facts come out whole in one clean cluster.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiegel.analysis.clustering import Item, cluster_facts  # noqa: E402
from spiegel.analysis.facts import fact_sentences, is_concrete  # noqa: E402
from tests.support.facts_before import cluster_facts_before  # noqa: E402


def _demo_set() -> dict[str, list[dict[str, Any]]]:
    facts: list[dict[str, Any]] = []
    for name, language in (("care-nl", "nl"), ("logistics-en", "en")):
        data = json.loads((ROOT / f"spiegel/web/demo/data/{name}.json").read_text(encoding="utf-8"))
        for theme, pool in data["themes"].items():
            for n, detail in enumerate(pool["details"]):
                if isinstance(detail, list):
                    facts.append({"id": f"{name}-{theme}-{n}", "language": language, "wordings": detail})
    return {"facts": facts, "distractors": [], "vague": []}


_PLACES = ("Almere", "Breda", "Delft", "Ede", "Gouda", "Hoorn", "Leiden", "Oss", "Tiel", "Venlo", "Weert", "Zeist")
_VARIED = (
    "In de {part} stonden we bij team {team} in {place} met {a} mensen voor {b} patiënten.",
    "Het rooster van team {team} in {place} kwam maar {a} dagen van tevoren.",
    "Er waren bij ons in {place} {a} reorganisaties in {c} jaar, zei team {team}.",
    "Mijn functioneringsgesprek bij team {team} in {place} werd {a} keer verschoven in {month}.",
    "Team {team} in {place} kreeg in {month} een nieuw planningssysteem zonder training.",
)
_MONTHS = ("januari", "maart", "mei", "juli", "september", "november")
_PARTS = ("avonddienst", "nachtdienst", "ochtenddienst", "weekenddienst")


def _varied_texts(interviews: int) -> list[str]:
    """One fact text per interview, mostly a wording of its own: five kinds of fact with other numbers, teams,
    places, months and shifts (seed 7)."""
    rng = random.Random(7)
    return [
        rng.choice(_VARIED).format(
            part=rng.choice(_PARTS),
            team=rng.choice("ABCDEFGHJKLMNPRSTUVWZ"),
            place=rng.choice(_PLACES),
            a=rng.randint(2, 9),
            b=rng.choice((20, 24, 28, 32, 36, 40)),
            c=rng.randint(2, 4),
            month=rng.choice(_MONTHS),
        )
        for _ in range(interviews)
    ]


def _scale(interviews: int, runs: int, memory: bool, varied: bool, before: bool, check: bool) -> int:
    """Time `cluster_facts` over the concrete sentences of bench/insights.py's organisation (one of its five fact
    texts per interview, seed 7), the fact half of what bench/clustering.py times with the database around it;
    with `varied`, over generated facts that are mostly worded differently (:func:`_varied_texts`). With
    `memory`, each run is traced (tracemalloc: Python and NumPy allocations) and its peak is printed; the
    tracing slows the run, so time and memory are best taken in separate runs. With `before`, the every-pair
    version that cluster_facts replaced (tests/support/facts_before.py) is measured instead; with `check`, both
    run once and the script fails unless their clusters are identical."""
    sys.path.insert(0, str(ROOT / "bench"))
    from insights import FACTS

    from spiegel.language.classify import embed

    rng = random.Random(7)
    texts = _varied_texts(interviews) if varied else [rng.choice(FACTS) for _ in range(interviews)]
    items = [Item(group=str(n), text=s, language="nl") for n, t in enumerate(texts) for _, s in fact_sentences(t, "nl")]
    embed(["."])  # the encoder's start-up is not the clustering's cost
    if check:
        same = cluster_facts(items) == cluster_facts_before(items)
        print(f"{len(items)} sentences: clusters {'identical' if same else 'DIFFERENT'} to the every-pair version")
        return 0 if same else 1
    cluster = cluster_facts_before if before else cluster_facts
    seconds: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        if memory:
            tracemalloc.start()
        start = time.perf_counter()
        found = cluster(items)
        seconds.append(time.perf_counter() - start)
        if memory:
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        peak = f", peak {peaks[-1]:.1f} MiB traced" if memory else ""
        print(f"cluster_facts: {len(items)} sentences, {len(found)} facts, {seconds[-1]:.2f} s{peak}")
    if runs > 1:
        peak = f", median peak {statistics.median(peaks):.1f} MiB" if memory else ""
        print(f"median {statistics.median(seconds):.2f} s over {runs} runs{peak}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--eval", type=Path, help="an evaluation file (see bench/data/facts_heldout.json)")
    group.add_argument("--demo", action="store_true", help="the demo data's facts in several wordings")
    group.add_argument("--scale", type=int, metavar="INTERVIEWS", help="time cluster_facts on generated facts")
    parser.add_argument("--runs", type=int, default=1, help="with --scale: how many timed runs")
    parser.add_argument("--memory", action="store_true", help="with --scale: trace each run's peak memory")
    parser.add_argument("--varied", action="store_true", help="with --scale: mostly distinct wordings")
    parser.add_argument("--before", action="store_true", help="with --scale: the every-pair version instead")
    parser.add_argument("--check", action="store_true", help="with --scale: fail unless both versions agree")
    args = parser.parse_args()
    if args.scale:
        return _scale(args.scale, args.runs, args.memory, args.varied, args.before, args.check)
    data: dict[str, list[dict[str, Any]]] = (
        _demo_set() if args.demo else json.loads(args.eval.read_text(encoding="utf-8"))
    )

    wordings = [(str(f["id"]), str(f["language"]), str(w)) for f in data["facts"] for w in f["wordings"]]
    distractors = [(f"d{n}", str(d["language"]), str(d["text"])) for n, d in enumerate(data["distractors"])]
    vague = [(str(v["language"]), str(v["text"])) for v in data["vague"]]
    concrete = [t for t in wordings + distractors if is_concrete(t[2], t[1])]
    wrongly = [text for language, text in vague if is_concrete(text, language)]
    print(
        f"concrete: {sum(1 for t in concrete if not t[0].startswith('d'))}/{len(wordings)} fact wordings, "
        f"{sum(1 for t in concrete if t[0].startswith('d'))}/{len(distractors)} distractors; "
        f"vague taken as fact: {len(wrongly)}/{len(vague)}"
    )
    for text in wrongly:
        print(f"  vague taken as fact: {text}")

    items = [Item(group=str(n), text=text, language=language) for n, (_id, language, text) in enumerate(concrete)]
    joined: set[tuple[int, int]] = set()
    clean = 0
    for cluster in cluster_facts(items):
        joined |= {(min(a, b), max(a, b)) for a, b in itertools.combinations(cluster.members, 2)}
        ids = {concrete[m][0] for m in cluster.members}
        if len(ids) == 1 and not next(iter(ids)).startswith("d"):
            clean += 1
    right = sum(1 for a, b in joined if concrete[a][0] == concrete[b][0] and not concrete[a][0].startswith("d"))
    true_pairs = sum(len(f["wordings"]) * (len(f["wordings"]) - 1) // 2 for f in data["facts"])
    precision = right / len(joined) if joined else 1.0
    print(
        f"same fact: precision {precision:.2f} ({right}/{len(joined)} joined pairs), "
        f"recall {right / true_pairs:.2f} ({right}/{true_pairs} pairs); "
        f"{clean}/{len(data['facts'])} facts found as a clean cluster"
    )
    for a, b in sorted(joined):
        if concrete[a][0] != concrete[b][0] or concrete[a][0].startswith("d"):
            print(f"  wrongly joined: {concrete[a][2]!r} ~ {concrete[b][2]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
