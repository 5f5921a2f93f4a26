from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<str:code>/", views.programme_detail, name="programme_detail"),
    path("<str:code>/edit/", views.programme_edit, name="programme_edit"),
]
