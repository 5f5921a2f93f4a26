from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "puente.employment"
    label = "employment"
    verbose_name = _("Employment")
    dashboard_panels = "puente.employment.panels.PANELS"
