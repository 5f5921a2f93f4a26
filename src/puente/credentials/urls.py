from django.urls import path

from . import views

app_name = "credentials"
urlpatterns = [
    path("", views.credential_list, name="credential_list"),
    path("mine/", views.credential_list, name="my_credentials"),
    path("issue/", views.credential_issue, name="credential_issue"),
    path("verify/", views.verify, name="verify"),
    path("<int:pk>/", views.credential_detail, name="credential_detail"),
    path("<int:pk>/credential.json", views.credential_download, name="credential_download"),
    path("<int:pk>/qr.<str:fmt>", views.credential_qr, name="credential_qr"),
    path("<int:pk>/revoke/", views.credential_revoke, name="credential_revoke"),
]
