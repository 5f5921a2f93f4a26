from django.urls import path

from . import views

app_name = "lib"
urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("new/", views.import_new, name="import_new"),
    path("templates/<slug:slug>.csv", views.import_template_csv, name="import_template"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/mapping/", views.import_mapping, name="import_mapping"),
    path("<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("<int:pk>/check/", views.import_recheck, name="import_recheck"),
    path("<int:pk>/errors.csv", views.import_errors_csv, name="import_errors"),
]
