"""Routes under /.well-known/ (outside the language prefix): the deployment's did:web document."""

from django.urls import path

from . import views

urlpatterns = [path("did.json", views.did_document, name="did_document")]
