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
    path("organisations/<slug:code>/", views.organisation_detail, name="organisation_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:code>/", views.project_detail, name="project_detail"),
    path("audit/", views.audit_list, name="audit_list"),
]
