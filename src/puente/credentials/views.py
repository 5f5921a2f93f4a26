"""Credential pages: staff issue, list and revoke; graduates download; anyone verifies."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from puente.core.permissions import requires
from puente.core.roles import Capability
from puente.core.scoping import scope_for

from . import services
from .forms import IssueForm, RevokeForm, VerifyForm
from .models import Achievement, IssuedCredential


@requires(public=True)
def did_document(request: HttpRequest) -> HttpResponse:
    """The deployment's did:web document (served at /.well-known/did.json)."""
    response = JsonResponse(services.did_web_document(), content_type="application/did+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@requires()
def credential_list(request: HttpRequest) -> HttpResponse:
    """Staff: the credentials their institutions issued. Graduates: their own."""
    credentials = services.credentials_for(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        credentials = credentials.filter(holder_label__icontains=query) | credentials.filter(
            achievement__code__icontains=query
        )
    page = Paginator(credentials, 50).get_page(request.GET.get("page"))
    can_issue = scope_for(request.user).can(Capability.CHANGE_STUDENTS)
    return render(request, "credentials/credential_list.html", {"page": page, "q": query, "can_issue": can_issue})


@requires(Capability.CHANGE_STUDENTS)
def credential_issue(request: HttpRequest) -> HttpResponse:
    initial = {
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        # Links from a student's page pre-fill the number.
        "student_number": request.GET.get("student", "")[:40],
    }
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        student = _graduate_for(request, values["student_number"])
        if student is None:
            form.add_error("student_number", _("No student of your institution has this number."))
        else:
            try:
                achievement = services.achievement_by_code(
                    values["qualification"], country=student.institution.country_id
                )
            except ObjectDoesNotExist:
                form.add_error("qualification", _("No qualification or micro-credential has this code."))
            else:
                until = values["valid_until"]
                try:
                    credential = services.issue_credential(
                        request.user,
                        student=student,
                        achievement=achievement,
                        holder_did=values["holder_did"].strip(),
                        valid_until=dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=dt.UTC) if until else None,
                        language=values["language"],
                    )
                except ValidationError as exc:
                    for message in exc.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, _("The credential was issued and signed."))
                    return redirect("credentials:credential_detail", pk=credential.pk)
    achievements = Achievement.objects.order_by("code")[:500]
    return render(request, "credentials/credential_issue.html", {"form": form, "achievements": achievements})


def _graduate_for(request: HttpRequest, number: str) -> Any:
    """The student with this number at one of the user's institutions, fetched through the
    students' access helper (404 rules and audit are theirs)."""
    from puente.success.services import access_student_by_id, students_for

    students = students_for(request.user).filter(external_id=number.strip())
    if not scope_for(request.user).is_admin:
        students = students.filter(
            institution__in=scope_for(request.user).organisations_with(Capability.CHANGE_STUDENTS)
        )
    pk = students.order_by().values_list("pk", flat=True).first()
    return access_student_by_id(request.user, pk) if pk is not None else None


@requires()
def credential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    credential = services.access_credential_by_id(request.user, pk)
    can_revoke = scope_for(request.user).can(Capability.CHANGE_STUDENTS, credential.institution_id)
    return render(
        request,
        "credentials/credential_detail.html",
        {
            "credential": credential,
            "achievement": credential.document["credentialSubject"]["achievement"],
            "can_revoke": can_revoke,
            "revoke_form": RevokeForm(),
            "verify_url": _public_verify_url(credential),
        },
    )


@requires()
def credential_download(request: HttpRequest, pk: int) -> HttpResponse:
    credential = services.access_credential_by_id(request.user, pk)
    body = json.dumps(credential.document, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/vc+ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.uuid}.json"'
    return response


@requires()
def credential_qr(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A QR code of the public verification link, as PNG or SVG."""
    import qrcode
    import qrcode.image.svg

    if fmt not in {"png", "svg"}:
        raise Http404
    credential = services.access_credential_by_id(request.user, pk)
    url = _public_verify_url(credential)
    buffer = io.BytesIO()
    if fmt == "svg":
        qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=4).save(buffer)
        content_type = "image/svg+xml"
    else:
        qrcode.make(url, border=4, box_size=8).save(buffer)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="credential-{credential.uuid}.{fmt}"'
    return response


def _public_verify_url(credential: IssuedCredential) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("credentials:verify") + f"?id={credential.uuid}"


@require_POST
@requires(Capability.CHANGE_STUDENTS)
def credential_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    credential = services.access_credential_by_id(request.user, pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
    else:
        try:
            services.revoke_credential(request.user, credential, form.cleaned_data["reason"])
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The credential is revoked. Verifiers will now see it as revoked."))
    return redirect("credentials:credential_detail", pk=credential.pk)


@requires(public=True)
def verify(request: HttpRequest) -> HttpResponse:
    """Public verification: paste or upload a credential, or follow a QR link (``?id=<uuid>``)."""
    report = None
    email_matches = None
    not_found = False
    form = VerifyForm()
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            report = services.verify_credential(form.cleaned_data["document"])
            if form.cleaned_data.get("email"):
                email_matches = services.holder_matches_email(form.cleaned_data["document"], form.cleaned_data["email"])
    elif request.GET.get("id"):
        # A QR code or shared link: the unguessable id (UUID4) stands for the credential.
        wanted = _uuid_or_none(request.GET["id"])
        credential = IssuedCredential.objects.filter(uuid=wanted).first() if wanted else None
        if credential is None:
            not_found = True
        else:
            report = services.verify_credential(credential.document)
    return render(
        request,
        "credentials/verify.html",
        {"form": form, "report": report, "email_matches": email_matches, "not_found": not_found},
    )


def _uuid_or_none(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None
