"""Collects every app's API routes under /api/v1/."""

from rest_framework.routers import DefaultRouter

from puente.core.api import register as register_core
from puente.programmes.api import register as register_programmes
from puente.success.api import register as register_success

router = DefaultRouter()
for register in (register_core, register_programmes, register_success):
    register(router)

api_patterns = router.urls
