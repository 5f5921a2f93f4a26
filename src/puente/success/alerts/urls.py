from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("", views.release_list, name="release_list"),
    path("releases/<int:pk>/", views.release_detail, name="release_detail"),
]
