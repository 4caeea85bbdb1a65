"""Write common_nl.txt and common_en.txt from wordfreq (run with wordfreq installed; not a dependency).

Each line is a lower-case word and its Zipf frequency times ten, most frequent first, down to Zipf 2.0. The
pseudonymiser treats a capitalised word that is not common as a possible name.

wordfreq counts words without their case, so famous names ("hillary", "rihanna") are frequent too. For
English, a word below Zipf 4.0 is kept only when simplemma's dictionary knows it (which drops most proper
nouns), and a more frequent word it does not know is marked ``proper`` ("obama", "facebook", "gonna"): in the
middle of a sentence such a word with a capital is taken for a name. Dutch is not filtered, because
simplemma does not know most Dutch compounds ("werkdruk").

Usage: ``pip install wordfreq==3.1.1 simplemma==2.0.0`` in a scratch environment, then
``python spiegel/language/data/names/extract_common_words.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import simplemma
import wordfreq  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
LOWEST_ZIPF = 2.0
KEEP_UNKNOWN_FROM_ZIPF = 4.0


def main() -> None:
    """Write one file per language."""
    for lang in ("nl", "en"):
        lines = [
            f"# Common {lang} words (lower case) with their Zipf frequency x10, Zipf >= 2.0, from wordfreq 3.1.1",
            "# (Robyn Speer et al.). Data licence: CC BY-SA 4.0; see NOTICE.md. Made by extract_common_words.py.",
        ]
        for word in wordfreq.top_n_list(lang, 10**6):
            zipf = wordfreq.zipf_frequency(word, lang)
            if zipf < LOWEST_ZIPF:
                break
            if not WORD.match(word):
                continue
            in_dictionary = lang != "en" or "'" in word or simplemma.is_known(word, lang)
            if in_dictionary:
                lines.append(f"{word} {round(zipf * 10)}")
            elif zipf >= KEEP_UNKNOWN_FROM_ZIPF:
                lines.append(f"{word} {round(zipf * 10)} proper")  # frequent, but no dictionary word: "obama"
        (HERE / f"common_{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
