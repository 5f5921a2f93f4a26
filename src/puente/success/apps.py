from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuccessConfig(AppConfig):
    name = "puente.success"
    label = "success"
    verbose_name = _("Student success")
