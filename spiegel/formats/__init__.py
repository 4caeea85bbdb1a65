"""Spiegel's own date formats per language (settings.FORMAT_MODULE_PATH), on top of Django's.

Templates name a format ("DATE_FORMAT", "SHORT_DATE_FORMAT", …) instead of spelling one out, so a date reads
"2 december 2026" or "2 dec 2026" on a Dutch page and "2 December 2026" or "2 Dec 2026" on an English one.
Django's own "M" capitalises the Dutch abbreviation ("2 Dec 2026"); Dutch writes it in lower case ("b").
"""
