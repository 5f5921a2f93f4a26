from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class FrameworksConfig(AppConfig):
    name = "puente.frameworks"
    label = "frameworks"
    verbose_name = _("Qualifications")
    nav_items = [
        NavItem("frameworks:search", _("Qualifications"), public=True, order=20),
        NavItem("frameworks:correlation_workbench", _("Correlation"), capability=Capability.VIEW_AGGREGATES, order=21),
    ]

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from puente.core.models import Country

        from . import search
        from .models import Framework, LearningOutcome, Level, Qualification

        for model in (Qualification, LearningOutcome):
            post_save.connect(search.drop_local, sender=model, dispatch_uid=f"frameworks-index-{model.__name__}-save")
        post_delete.connect(
            search.rows_deleted, sender=Qualification, dispatch_uid="frameworks-index-Qualification-del"
        )
        # An outcome is deleted when its qualification is saved again, which moves updated_at.
        post_delete.connect(
            search.drop_local, sender=LearningOutcome, dispatch_uid="frameworks-index-LearningOutcome-del"
        )
        m2m_changed.connect(
            search.drop_local, sender=Qualification.occupations.through, dispatch_uid="frameworks-index-occupations"
        )
        # Search results show country names, framework acronyms and level numbers from the index.
        for labelled in (Framework, Level, Country):
            name = labelled.__name__
            post_save.connect(search.labels_changed, sender=labelled, dispatch_uid=f"frameworks-labels-{name}")
            post_delete.connect(search.labels_changed, sender=labelled, dispatch_uid=f"frameworks-labels-{name}-del")
