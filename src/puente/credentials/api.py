from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Routes of this app under /api/v1/."""
