from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("demo-login/", views.demo_login, name="demo_login"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:code>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:code>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:code>/campuses/new/", views.campus_create, name="campus_create"),
    path("organisations/<slug:code>/campuses/<int:pk>/edit/", views.campus_edit, name="campus_edit"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:code>/", views.project_detail, name="project_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("audit/", views.audit_list, name="audit_list"),
]
