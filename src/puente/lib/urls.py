from django.urls import path

from . import views

app_name = "lib"
urlpatterns = [
    path("", views.import_list, name="import_list"),
]
