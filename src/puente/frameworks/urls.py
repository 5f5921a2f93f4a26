from django.urls import path, re_path

from . import views

app_name = "frameworks"
urlpatterns = [
    path("", views.qualification_search, name="search"),
    path("export.json", views.export_json, name="export_json"),
    re_path(r"^export/(?P<table>[a-z-]+)\.csv$", views.export_csv, name="export_csv"),
    path("register/", views.qualification_register, name="qualification_register"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<slug:code>/<str:version>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<slug:code>/<str:version>/levels/<int:number>/", views.level_detail, name="level_detail"),
    path(
        "frameworks/<slug:code>/<str:version>/referencing/<slug:target>/",
        views.referencing_report,
        name="referencing_report",
    ),
    path(
        "frameworks/<slug:code>/<str:version>/referencing/<slug:target>/edit/",
        views.referencing_edit,
        name="referencing_edit",
    ),
    path("sectors/<slug:sector>/", views.sector_overview, name="sector_overview"),
    path("correlation/", views.correlation_workbench, name="correlation_workbench"),
    path("correlation/decide/", views.correlation_decide, name="correlation_decide"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    re_path(r"^reports/(?P<pk>\d+)\.(?P<fmt>pdf|csv|json)$", views.report_download, name="report_download"),
    path("<str:country>/<str:code>/edit/", views.qualification_edit, name="qualification_edit"),
    path("<str:country>/<str:code>/", views.qualification_detail, name="qualification_detail"),
]
