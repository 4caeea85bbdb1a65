"""The password rules in Spiegel's own words. Django's validators check the passwords; their texts are replaced
because Django's Dutch says "Uw wachtwoord …" where Spiegel says "je", and its Dutch lacks the message of a too
short password (that showed in English). These texts are what the page to choose a password shows under the
field and as its errors; settings.AUTH_PASSWORD_VALIDATORS names these classes."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character.",
            "This password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password needs at least %(min_length)d character.",
            "Your password needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # %(verbose_name)s: the field it resembles, as Django names it ("gebruikersnaam", "e-mailadres").
        return _("This password looks too much like your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Your password may not look too much like your user name, your name or your e-mail address.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Many people use this password; choose one that is less easy to guess.")

    def get_help_text(self) -> str:
        return _("Your password may not be one that many people use.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is only digits; add letters or other characters.")

    def get_help_text(self) -> str:
        return _("Your password may not be only digits.")
