from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Early alerts live inside ``success`` but are their own Django app (label ``alerts``) so the
    model-training code and its tables evolve without touching the case-management migrations."""

    name = "puente.success.alerts"
    label = "alerts"
    verbose_name = _("Early alerts")
