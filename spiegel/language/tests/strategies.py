"""Hypothesis strategies for "any text a leaver can type": arbitrary Unicode and the kinds that broke things."""

from __future__ import annotations

from hypothesis import strategies as st

# Inputs that once crashed the interviewer or are known to be awkward for tokenisers and lemmatisers.
AWKWARD = (
    "Het was zwaar - echt zwaar",
    "Yes - no",
    ":-)",
    "'",
    "-",
    "‘’“”",
    "— – ‐",
    "a -- b",
    "' ' ' - - -",
    "...",
    "?!?!",
    "\u200b\u200c\u200d\ufeff",
    "é́́́",  # stacked combining marks
    "ﬁ ﬂ Ⅻ ①",  # compatibility forms
    "İstanbul ı I",
    "Straße STRASSE",
)

_punctuation = st.text(alphabet="-'’‘\"`.,;:!?()[]{}<>/\\|_~^*&%$#@+=…—–·•", min_size=1, max_size=40)
_emoji = st.text(alphabet="😀😢😡🙈👍🏽❤️‍🔥🇳🇱✨🔥", min_size=1, max_size=20)
_right_to_left = st.sampled_from(
    ("هذا كان صعبا جدا", "מנהל שלי לא הקשיב", "\u202eeerf\u202c", "العمل - كان - متعب", "שלום, 'חבר'")
)
_mixed_scripts = st.sampled_from(
    ("Mijn manager 李伟 zei niks", "The Кирилл team was great", "werkdruk 😡 te hoog - echt", "Ağır iş, Zeynep")
)
_control = st.text(alphabet=[chr(c) for c in (*range(0, 32), *range(127, 160))], min_size=1, max_size=10)
_long_word = st.integers(min_value=100, max_value=5000).map(lambda n: "a" * n)
_words = st.lists(
    st.sampled_from(
        (
            "ik",
            "de",
            "werkdruk",
            "manager",
            "niet",
            "boos",
            "- ",
            "'",
            "Jan",
            "collega",
            "salaris",
            "😀",
            "the",
            "roster",
            "was",
            "never",
            "okay",
            "Sarah",
            ":-)",
            "—",
            "06-12345678",
            "NL91ABNA0417164300",
        )
    ),
    max_size=40,
).map(" ".join)

any_text = st.one_of(
    st.text(max_size=400),
    _punctuation,
    _emoji,
    _right_to_left,
    _mixed_scripts,
    _control,
    _long_word,
    _words,
    st.sampled_from(AWKWARD),
    st.lists(st.one_of(_words, _punctuation, _emoji, _control, st.text(max_size=30)), max_size=6).map("".join),
)
languages = st.sampled_from(("nl", "en"))
