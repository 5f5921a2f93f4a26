"""Collects every app's API routes under /api/v1/."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

APPS_WITH_API = [
    "puente.core",
    "puente.programmes",
    "puente.frameworks",
    "puente.credentials",
    "puente.success",
    "puente.success.alerts",
    "puente.surveys",
    "puente.employment",
    "puente.lib",
]

router = DefaultRouter()
for app in APPS_WITH_API:
    import_module(f"{app}.api").register(router)

api_patterns = router.urls
