from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class CredentialsConfig(AppConfig):
    name = "puente.credentials"
    label = "credentials"
    verbose_name = _("Credentials")
    nav_items = [
        NavItem("credentials:credential_list", _("Credentials"), capability=Capability.CHANGE_STUDENTS, order=62),
        NavItem("credentials:my_credentials", _("My credentials"), capability=Capability.VIEW_OWN_RECORD, order=63),
        NavItem("credentials:verify", _("Verify a credential"), public=True, order=90),
    ]
