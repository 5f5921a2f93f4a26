"""URL layout: pages under a language prefix (/es/, /fr/, /en/), the API and its docs unprefixed."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from puente.api_urls import api_patterns

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include((api_patterns, "api"), namespace="api")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(".well-known/", include("puente.credentials.well_known_urls")),
    # Browsers ask for /favicon.ico whatever the page says; answer instead of logging a 404.
    path("favicon.ico", RedirectView.as_view(url=static("puente/favicon.svg"), permanent=True)),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("puente.core.urls")),
    path("programmes/", include("puente.programmes.urls")),
    path("students/", include("puente.success.urls")),
    path("services/", include("puente.success.public_urls")),
    path("alerts/", include("puente.success.alerts.urls")),
    path("qualifications/", include("puente.frameworks.urls")),
    path("credentials/", include("puente.credentials.urls")),
    path("surveys/", include("puente.surveys.urls")),
    path("jobs/", include("puente.employment.urls")),
    path("imports/", include("puente.lib.urls")),
    prefix_default_language=True,
)
