"""The organisations registry imported through :mod:`puente.lib.tabular` (administrators only)."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext_lazy as _

from puente.lib import tabular as t
from puente.lib.text import search_key

from .models import Organisation
from .roles import Capability


class OrganisationImport(t.ImportSpec):
    """Institutions, ministries, employers… identified by their code. A parent must already exist."""

    slug = "organisations"
    label = _("Organisations")
    description = _("Institutions, ministries, employers and other bodies, identified by their code.")
    model = Organisation
    natural_key = ("code",)
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("search_text",)
    columns = [
        t.Text("code", aliases=["código", "codigo", "identifiant"]),
        t.Translation("name", "es", aliases=["nombre", "nombre_es"]),
        t.Translation("name", "fr", aliases=["nom", "nom_fr"]),
        t.Translation("name", "en", aliases=["name_en"]),
        t.Text("acronym", aliases=["sigla", "siglas", "sigle", "acrónimo"]),
        t.Choice("kind", header_aliases=["tipo", "type", "clase"]),
        t.Choice("institution_type", header_aliases=["tipo de institución", "type d'établissement"]),
        t.ForeignKey("country", by="code", aliases=["país", "pais", "pays", "country code"]),
        t.ForeignKey("subdivision", by="code", aliases=["región", "region", "departamento", "estado", "provincia"]),
        t.Text("city", aliases=["ciudad", "ville"]),
        t.ForeignKey("parent", by="code", aliases=["organización madre", "depende de", "organisation mère"]),
        t.Boolean("is_group", aliases=["grupo", "groupe"]),
        t.Text("website", aliases=["sitio web", "web", "site web", "url"]),
        t.Text("note", aliases=["nota", "remarque"]),
        t.Text("source", aliases=["fuente"]),
    ]

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        """The search key Organisation.save() would compute: names, acronym and code, without accents."""
        import json

        names = frame["name"] if "name" in frame else pd.Series(["{}"] * len(frame))
        acronyms = frame["acronym"] if "acronym" in frame else pd.Series([""] * len(frame))
        texts = [
            search_key(" ".join([*json.loads(n or "{}").values(), a or "", c or ""]))
            for n, a, c in zip(names, acronyms, frame["code"], strict=True)
        ]
        return frame.assign(search_text=texts)
