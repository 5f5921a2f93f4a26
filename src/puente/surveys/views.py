"""Survey pages: answering by invitation link (public), and results for the survey's owners."""

from __future__ import annotations

import contextlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from puente.core.permissions import requires
from puente.core.roles import Capability

from . import services
from .forms import ResponseForm


@requires(Capability.VIEW_AGGREGATES)
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = services.surveys_for(request.user)
    rows = [(s, services.response_rates(s)[-1]) for s in surveys]
    return render(request, "surveys/survey_list.html", {"rows": rows})


@requires(Capability.VIEW_AGGREGATES)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = services.access_survey_by_id(request.user, pk)
    return render(
        request,
        "surveys/survey_detail.html",
        {"survey": survey, "rates": services.response_rates(survey), "summaries": services.summarise(survey)},
    )


@requires(public=True)
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind an invitation link, in the invitation's language unless the
    person chose another one in the language switch."""
    invitation = services.invitation_by_token(token)
    if invitation.responded_at is not None:
        return render(request, "surveys/thanks.html", {"survey": invitation.survey, "already": True})
    language = translation.get_language() or invitation.language
    form = ResponseForm(request.POST or None, survey=invitation.survey)
    if request.method == "POST" and form.is_valid():
        # Answered in another tab meanwhile: thank them all the same.
        with contextlib.suppress(ValueError):
            services.submit_response(invitation, invitation.survey, form.answers(), language)
        return redirect("surveys:thanks", token=token)
    return render(
        request, "surveys/respond.html", {"survey": invitation.survey, "form": form, "invitation": invitation}
    )


@requires(public=True)
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token)
    return render(request, "surveys/thanks.html", {"survey": invitation.survey, "already": False})


@requires(public=True)
@require_POST
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token)
    services.opt_out(invitation)
    return render(request, "surveys/opted_out.html", {"survey": invitation.survey})
