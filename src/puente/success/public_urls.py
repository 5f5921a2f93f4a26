"""MAPA-RUTA, the public services map (under /<lang>/services/)."""

from django.urls import path

from . import public_views as views

app_name = "mapa"
urlpatterns = [
    path("", views.map_index, name="index"),
    path("me/", views.my_support, name="my_support"),
    path("<slug:org>/", views.map_institution, name="institution"),
    path("<slug:org>/qr/", views.qr_sheet, name="qr_sheet"),
    path("<slug:org>/campus/<int:campus>/", views.map_institution, name="campus"),
    path("<slug:org>/campus/<int:campus>/qr/", views.qr_sheet, name="campus_qr_sheet"),
    path("<slug:org>/<slug:code>/", views.map_service, name="service"),
    path("<slug:org>/<slug:code>/requested/", views.service_requested, name="service_requested"),
]
