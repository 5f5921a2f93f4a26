"""Queries over programmes shared by pages and API."""

from __future__ import annotations

from django.db.models import QuerySet

from puente.lib.text import search_key

from .models import Programme


def programmes_matching(query: str = "", country: str = "", sector: str = "") -> QuerySet[Programme]:
    qs = Programme.objects.select_related("institution", "institution__country", "sector", "isced_field")
    for word in search_key(query).split():
        qs = qs.filter(search_text__contains=word)
    if country:
        qs = qs.filter(institution__country_id=country.upper())
    if sector:
        qs = qs.filter(sector__code=sector)
    return qs
