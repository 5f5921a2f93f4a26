"""Reference tables of the programmes registry imported through :mod:`puente.lib.tabular`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from puente.core.roles import Capability
from puente.lib import tabular as t

from .models import IscedField


class IscedFieldImport(t.ImportSpec):
    """ISCED-F 2013 fields of education and training, e.g. ``../shared/data/isced-f-2013/cine-f-2013-es.csv``.

    Parents may come in the same file (broad → narrow → detailed); names in es, fr, en.
    """

    slug = "isced-fields"
    label = _("ISCED-F 2013 fields of education")
    description = _("The UNESCO classification of fields of education and training (CINE-F 2013).")
    model = IscedField
    natural_key = ("code",)
    capability = Capability.MANAGE_REGISTRY
    columns = [
        t.Text("code", aliases=["código", "codigo", "code cite", "isced code"]),
        t.Choice(
            "level",
            aliases={
                "broad": ["amplio", "campo amplio", "grand domaine", "large"],
                "narrow": ["específico", "especifico", "campo específico", "domaine restreint", "restreint"],
                "detailed": ["detallado", "campo detallado", "domaine détaillé", "détaillé"],
            },
            header_aliases=["nivel", "niveau"],
        ),
        t.ForeignKey("parent", by="code", same_file=True, aliases=["padre", "parent code", "código padre"]),
        t.Translation("name", "es", aliases=["nombre_es", "nombre", "nom_es"]),
        t.Translation("name", "fr", aliases=["nombre_fr", "nom_fr", "nom"]),
        t.Translation("name", "en", aliases=["nombre_en", "nom_en", "name"]),
    ]
