"""Text entered in several languages, stored as one JSON object per field.

Decision (STYLE.md §7): names of programmes, services, projects and organisations are short
and mostly read, so each is a JSON object ``{"es": ..., "fr": ..., "en": ...}`` in one column.
Models that need to search such a name keep a derived ``search_text`` column
(see :func:`puente.lib.text.search_key`) refreshed on save, which is indexable on both SQLite
and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class TranslatedText(dict):
    """A dict of language -> text whose ``str()`` is the text in the active language.

    Falls back to Spanish, then to any language that has a value, so a page never shows an
    empty name because one translation is missing.
    """

    def get_text(self, language: str | None = None) -> str:
        language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        for code in (language, settings.LANGUAGE_CODE, *language_codes()):
            value = self.get(code)
            if value:
                return str(value)
        for value in self.values():
            if value:
                return str(value)
        return ""

    def __str__(self) -> str:
        return self.get_text()

    def __html__(self) -> str:  # so templates escape it like any string
        from django.utils.html import conditional_escape

        return str(conditional_escape(self.get_text()))

    def all_texts(self) -> list[str]:
        return [str(v) for v in self.values() if v]


def as_translated(value: Any) -> TranslatedText:
    if isinstance(value, TranslatedText):
        return value
    if isinstance(value, dict):
        return TranslatedText({k: v for k, v in value.items() if v not in (None, "")})
    if value in (None, ""):
        return TranslatedText()
    return TranslatedText({settings.LANGUAGE_CODE: str(value)})


class TranslatedWidget(forms.MultiWidget):
    template_name = "lib/widgets/translated.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__([forms.TextInput(attrs=attrs) for _code in language_codes()], attrs)

    def decompress(self, value: Any) -> list[str]:
        value = as_translated(value)
        return [value.get(code, "") for code in language_codes()]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        for widget, (code, label) in zip(context["widget"]["subwidgets"], settings.LANGUAGES, strict=True):
            widget["language_code"] = code
            widget["language_label"] = label
        return context


class TranslatedFormField(forms.MultiValueField):
    """One text input per language; Spanish (the default language) is required."""

    widget = TranslatedWidget

    def __init__(self, *, max_length: int = 300, required: bool = True, **kwargs: Any) -> None:
        fields = [forms.CharField(max_length=max_length, required=False) for _code in language_codes()]
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(fields=fields, require_all_fields=False, required=required, **kwargs)

    def compress(self, data_list: list[str]) -> TranslatedText:
        return as_translated(dict(zip(language_codes(), data_list or [], strict=False)))

    def validate(self, value: Any) -> None:
        if self.required and not as_translated(value).get(settings.LANGUAGE_CODE):
            raise ValidationError(_("Enter at least the Spanish text."), code="required")


class _TranslatedDescriptor:
    """Wraps whatever is assigned (dict, str, None) in a :class:`TranslatedText`."""

    def __init__(self, field: models.Field) -> None:
        self.field = field

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname, TranslatedText())

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = as_translated(value)


class TranslatedField(models.JSONField):
    """A JSON object of language -> text that reads back as :class:`TranslatedText`."""

    description = _("Text in several languages")

    def contribute_to_class(self, cls: Any, name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, _TranslatedDescriptor(self))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> TranslatedText:
        return as_translated(super().from_db_value(value, expression, connection))

    def to_python(self, value: Any) -> TranslatedText:
        return as_translated(super().to_python(value))

    def get_prep_value(self, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            value = as_translated(value)
        return super().get_prep_value(dict(value) if isinstance(value, dict) else value)

    def formfield(self, **kwargs: Any) -> forms.Field:
        return TranslatedFormField(required=not self.blank, label=self.verbose_name, help_text=self.help_text)
