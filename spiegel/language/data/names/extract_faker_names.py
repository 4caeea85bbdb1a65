"""Regenerate the ``faker_*.txt`` name lists from the installed Faker package (a development tool only).

Run with ``.venv/bin/python spiegel/language/data/names/extract_faker_names.py``. The product reads the
text files; it never imports Faker at run time.
"""

from __future__ import annotations

import importlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Locales whose people work in Dutch and English workplaces: Dutch, Belgian, British, American, Irish,
# Turkish, Indian, Polish and Maghreb (Algerian French spelling, close to Moroccan Dutch spelling).
LOCALES = ("nl_NL", "nl_BE", "en_US", "en_GB", "en_IE", "tr_TR", "en_IN", "pl_PL", "fr_DZ")


def _names(provider: object, attribute: str) -> set[str]:
    """The names in one attribute of a Faker person provider (a tuple or a weighted dict)."""
    value = getattr(provider, attribute, None) or ()
    return {str(name).strip() for name in value if str(name).strip()}


def main() -> None:
    """Write one first-name and one last-name file per locale, sorted, one name per line."""
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first = _names(provider, "first_names") | _names(provider, "first_names_male")
        first |= _names(provider, "first_names_female")
        last = _names(provider, "last_names")
        last.discard("Doe")  # pl_PL carries only a placeholder surname
        for kind, names in (("first", first), ("last", last)):
            if names:
                path = HERE / f"faker_{locale}_{kind}.txt"
                path.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
