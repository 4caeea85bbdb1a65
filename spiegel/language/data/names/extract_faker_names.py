"""Regenerate the ``faker_*.txt`` name lists from the installed Faker package (a development tool only).

Run with ``.venv/bin/python spiegel/language/data/names/extract_faker_names.py``. The product reads the
text files; it never imports Faker at run time.
"""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Locales whose people work in Dutch and English workplaces: Dutch, Belgian, British, American, Irish,
# Turkish, Indian, Polish and Maghreb (Algerian French spelling, close to Moroccan Dutch spelling).
LOCALES = ("nl_NL", "nl_BE", "en_US", "en_GB", "en_IE", "tr_TR", "en_IN", "pl_PL", "fr_DZ")
# More origins of people in Dutch workplaces (Latin-script names only): German, French, Spanish, Italian,
# Portuguese and Brazilian, Romanian, Hungarian, Czech, Slovak, Croatian, Slovenian, Lithuanian, Latvian,
# Bulgarian-free, Azerbaijani (Turkic), Indonesian (Javanese Surinamese), Pakistani (also common Moroccan and
# Afghan first names), Nigerian, Ghanaian, Kenyan, Scandinavian, Finnish, Vietnamese, Irish.
MORE_LOCALES = (
    "de_DE", "fr_FR", "es_ES", "it_IT", "pt_PT", "pt_BR", "ro_RO", "hu_HU", "cs_CZ", "sk_SK", "hr_HR", "sl_SI",
    "lt_LT", "lv_LV", "az_AZ", "id_ID", "en_PK", "en_NG", "yo_NG", "ig_NG", "tw_GH", "en_KE", "da_DK", "sv_SE",
    "no_NO", "fi_FI", "vi_VN", "ga_IE",
)  # fmt: skip


def _latin(name: str) -> bool:
    """True for a name written in Latin letters (with diacritics), hyphens, apostrophes and spaces."""
    return all(ch in " -'’" or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _names(provider: object, attribute: str) -> set[str]:
    """The names in one attribute of a Faker person provider (a tuple or a weighted dict)."""
    value = getattr(provider, attribute, None) or ()
    return {str(name).strip() for name in value if str(name).strip()}


def main() -> None:
    """Write one first-name and one last-name file per locale, sorted, one name per line."""
    for locale in LOCALES + MORE_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first = _names(provider, "first_names") | _names(provider, "first_names_male")
        first |= _names(provider, "first_names_female")
        last = _names(provider, "last_names")
        last.discard("Doe")  # pl_PL carries only a placeholder surname
        first = {name for name in first if _latin(name)}
        last = {name for name in last if _latin(name)}
        for kind, names in (("first", first), ("last", last)):
            if names:
                path = HERE / f"faker_{locale}_{kind}.txt"
                path.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
