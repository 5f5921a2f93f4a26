from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class SurveysConfig(AppConfig):
    name = "puente.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    nav_items = [NavItem("surveys:survey_list", _("Surveys"), capability=Capability.VIEW_AGGREGATES, order=70)]
    scheduled_jobs = "puente.surveys.schedule.JOBS"
