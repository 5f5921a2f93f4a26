"""Issue, verify and revoke credentials; keys, status lists and the deployment's DID document.

Pages, the API and the ``puente credentials`` command all call these functions.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puente.core.audit import AuditAction, record
from puente.core.models import Organisation
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, access_by_id, acting_user, scope_for

from . import bitstring, integrity, keystore
from .jsonld import OB_V3, VC_V2
from .models import Achievement, IssuedCredential, KeyStatus, SigningKey, StatusList, StatusPurpose

# --- keys ---------------------------------------------------------------------------------------


@transaction.atomic
def create_first_key(organisation: Organisation) -> SigningKey:
    """The organisation's active key, generated (file first, then row) when it has none."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    current = SigningKey.objects.filter(organisation=organisation, status=KeyStatus.ACTIVE).first()
    if current is not None:
        return current
    public, _key = keystore.generate(organisation.code)
    return SigningKey.objects.create(organisation=organisation, public_key_multibase=public)


@transaction.atomic
def rotate_key(organisation: Organisation) -> tuple[SigningKey, SigningKey | None]:
    """Generate a new active key and retire the current one. Returns ``(new, retired)``.

    The retired key's public half stays in the database and in the DID document, so every
    credential it signed keeps verifying; its private file is kept to re-sign its status lists.
    """
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    old = SigningKey.objects.filter(organisation=organisation, status=KeyStatus.ACTIVE).first()
    if old is not None:
        old.status = KeyStatus.RETIRED
        old.retired_at = timezone.now()
        old.save(update_fields=["status", "retired_at"])
    public, _key = keystore.generate(organisation.code)
    new = SigningKey.objects.create(organisation=organisation, public_key_multibase=public)
    record(
        AuditAction.UPDATE, new, detail=f"signing key rotated for {organisation.code}", organisation_id=organisation.pk
    )
    return new, old


def _private_key(key: SigningKey) -> Any:
    return keystore.load(key.organisation.code, key.public_key_multibase)


# --- status lists -------------------------------------------------------------------------------


def status_list_url(status_list: StatusList) -> str:
    path = reverse("api:credential-status-list-detail", kwargs={"pk": status_list.pk})
    return settings.SITE_URL.rstrip("/") + path


# A list is closed to new entries at half full: random allocation stays cheap, and a revoked
# entry keeps hiding among many.
STATUS_LIST_FILL = 0.5


def _allocate_status(key: SigningKey) -> tuple[StatusList, int]:
    status_list = (
        StatusList.objects.select_for_update()
        .filter(signing_key=key, purpose=StatusPurpose.REVOCATION)
        .order_by("-id")
        .first()
    )
    if status_list is None or status_list.allocated >= status_list.length * STATUS_LIST_FILL:
        length = bitstring.MIN_LENGTH
        status_list = StatusList.objects.create(
            organisation=key.organisation,
            signing_key=key,
            length=length,
            bits=bytes(bitstring.new(length)),
        )
    taken = set(IssuedCredential.objects.filter(status_list=status_list).values_list("status_index", flat=True))
    while True:
        index = secrets.randbelow(status_list.length)
        if index not in taken:
            break
    status_list.allocated += 1
    status_list.save(update_fields=["allocated", "updated_at"])
    return status_list, index


def sign_status_list(status_list: StatusList) -> dict[str, Any]:
    """Build and sign the ``BitstringStatusListCredential`` for the list's current bits."""
    key = status_list.signing_key
    url = status_list_url(status_list)
    now = _xsd(timezone.now())
    document: dict[str, Any] = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": key.did,
        "validFrom": now,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": bitstring.encode(bytes(status_list.bits)),
        },
    }
    signed = integrity.add_proof(document, _private_key(key), verification_method=key.verification_method, created=now)
    status_list.signed_credential = signed
    status_list.save(update_fields=["signed_credential", "updated_at"])
    return signed


def status_list_credential(status_list: StatusList) -> dict[str, Any]:
    return status_list.signed_credential or sign_status_list(status_list)


# --- issuing ------------------------------------------------------------------------------------


def _xsd(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(value: str, salt: str) -> str:
    """Open Badges 3.0 ``IdentityHash``: ``sha256$`` + hex SHA-256 of the value followed by the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def achievement_json(achievement: Achievement, issuer: dict[str, Any], language: str) -> dict[str, Any]:
    with translation.override(language):
        data: dict[str, Any] = {
            "id": f"urn:puente:achievement:{quote(achievement.code, safe='')}",
            "type": ["Achievement"],
            "achievementType": achievement.achievement_type,
            "name": achievement.name.get_text(language),
            "description": achievement.description.get_text(language) or achievement.name.get_text(language),
            "criteria": {"narrative": achievement.criteria.get_text(language) or _("Completion of the programme.")},
            "humanCode": achievement.code,
            "inLanguage": language,
            "creator": issuer,
        }
    if achievement.page_url:
        data["criteria"] = {"id": achievement.page_url, **data["criteria"]}
    if achievement.field_of_study:
        data["fieldOfStudy"] = achievement.field_of_study
    if achievement.alignments:
        data["alignment"] = [_alignment(a) for a in achievement.alignments]
    return data


def _alignment(raw: dict[str, Any]) -> dict[str, Any]:
    """An Open Badges ``Alignment``; a level referencing's match type becomes its description."""
    allowed = ("targetName", "targetUrl", "targetDescription", "targetCode", "targetFramework", "targetType")
    alignment: dict[str, Any] = {"type": ["Alignment"]}
    alignment.update({k: raw[k] for k in allowed if raw.get(k)})
    if raw.get("matchType") and "targetDescription" not in alignment:
        alignment["targetDescription"] = _("Referenced to this level (match: %(match)s).") % {"match": raw["matchType"]}
    return alignment


def issuer_profile(organisation: Organisation, key: SigningKey, language: str) -> dict[str, Any]:
    profile: dict[str, Any] = {"id": key.did, "type": ["Profile"], "name": organisation.name.get_text(language)}
    if organisation.website:
        profile["url"] = organisation.website
    return profile


@dataclass
class Holder:
    name: str
    email: str = ""
    did: str = ""


def build_credential(
    *,
    organisation: Organisation,
    key: SigningKey,
    achievement: Achievement,
    holder: Holder,
    status_url: str,
    status_index: int,
    credential_uuid: str,
    valid_from: datetime,
    valid_until: datetime | None,
    awarded: datetime | None,
    language: str,
) -> dict[str, Any]:
    """The unsigned Open Badges 3.0 credential (VC Data Model 2.0)."""
    issuer = issuer_profile(organisation, key, language)
    identifiers: list[dict[str, Any]] = []
    if holder.email:
        salt = secrets.token_hex(8)
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": identity_hash(normalise_email(holder.email), salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        )
    if holder.name:
        identifiers.append(
            {"type": "IdentityObject", "identityHash": holder.name, "identityType": "name", "hashed": False}
        )
    subject: dict[str, Any] = {"type": ["AchievementSubject"]}
    if holder.did:
        subject["id"] = holder.did
    if identifiers:
        subject["identifier"] = identifiers
    subject["achievement"] = achievement_json(achievement, issuer, language)
    document: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": subject["achievement"]["name"],
        "issuer": issuer,
        "validFrom": _xsd(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = _xsd(valid_until)
    if awarded is not None:
        document["awardedDate"] = _xsd(awarded)
    document["credentialSubject"] = subject
    document["credentialStatus"] = {
        "id": f"{status_url}#{status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": StatusPurpose.REVOCATION,
        "statusListIndex": str(status_index),
        "statusListCredential": status_url,
    }
    return document


class IssueError(ValidationError):
    pass


def _check_can_issue(user: AnyUser | None, organisation: Organisation) -> None:
    if user is None:  # the command line acts as the deployment's operator
        return
    if not scope_for(user).can(Capability.CHANGE_STUDENTS, organisation.pk):
        raise PermissionDenied(_("You cannot issue credentials for this institution."))


@transaction.atomic
def issue_credential(
    user: AnyUser | None,
    *,
    student: Any,
    achievement: Achievement,
    holder_email: str | None = None,
    holder_did: str = "",
    valid_until: datetime | None = None,
    language: str | None = None,
    cryptosuite: str = integrity.JCS,
) -> IssuedCredential:
    """Sign an Open Badges 3.0 credential for a graduate and record it, all or nothing.

    ``user`` is None for the command line. The graduate must have the status *graduated*; the
    issuing institution is theirs. The private key is read from KEYS_DIR.
    """
    from puente.success.models import StudentStatus

    organisation = student.institution
    _check_can_issue(user, organisation)
    if student.status != StudentStatus.GRADUATED:
        raise IssueError(_("Only graduates receive credentials: this student's status is not “graduated”."))
    if achievement.awarding_body_id and achievement.awarding_body_id != organisation.pk:
        raise IssueError(_("This institution does not award this qualification."))
    if holder_did and not holder_did.startswith("did:"):
        raise IssueError(_("The holder's identifier must be a DID (did:…)."))
    email = holder_email if holder_email is not None else student.email
    if not email and not holder_did:
        raise IssueError(_("The graduate has no email address and no DID: nothing identifies the holder."))
    now = timezone.now()
    if valid_until is not None and valid_until <= now:
        raise IssueError(_("The end of validity must be in the future."))
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]

    key = create_first_key(organisation)
    status_list, index = _allocate_status(key)
    awarded = datetime.combine(student.graduated_on, datetime.min.time(), tzinfo=UTC) if student.graduated_on else None
    credential = IssuedCredential(
        institution=organisation,
        student=student,
        achievement=achievement,
        signing_key=key,
        status_list=status_list,
        status_index=index,
        holder_label=str(student)[:250],
        valid_from=now,
        valid_until=valid_until,
        issued_by=acting_user(user),
    )
    unsigned = build_credential(
        organisation=organisation,
        key=key,
        achievement=achievement,
        holder=Holder(name=str(student), email=email or "", did=holder_did),
        status_url=status_list_url(status_list),
        status_index=index,
        credential_uuid=str(credential.uuid),
        valid_from=now,
        valid_until=valid_until,
        awarded=awarded,
        language=language,
    )
    credential.document = integrity.add_proof(
        unsigned,
        _private_key(key),
        verification_method=key.verification_method,
        created=_xsd(now),
        cryptosuite=cryptosuite,
    )
    credential.save()
    if status_list.signed_credential is None:
        sign_status_list(status_list)
    return credential


@transaction.atomic
def revoke_credential(user: AnyUser | None, credential: IssuedCredential, reason: str = "") -> IssuedCredential:
    """Set the credential's bit in its status list and re-sign the list. Idempotent."""
    if user is not None and not scope_for(user).can(Capability.CHANGE_STUDENTS, credential.institution_id):
        raise PermissionDenied(_("You cannot revoke credentials of this institution."))
    credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at is not None:
        return credential
    status_list = (
        StatusList.objects.select_for_update()
        .select_related("signing_key__organisation")
        .get(pk=credential.status_list_id)
    )
    bits = bytearray(status_list.bits)
    bitstring.set_bit(bits, credential.status_index)
    status_list.bits = bytes(bits)
    status_list.save(update_fields=["bits", "updated_at"])
    sign_status_list(status_list)
    credential.revoked_at = timezone.now()
    credential.revoked_by = acting_user(user)
    credential.revocation_reason = reason[:300]
    credential.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return credential


# --- reading --------------------------------------------------------------------------------------


def credentials_for(user: AnyUser | None) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.visible_to(user).select_related("achievement", "institution", "student")


def access_credential_by_id(user: AnyUser | None, pk: Any) -> IssuedCredential:
    queryset = IssuedCredential.objects.select_related("achievement", "institution", "student", "signing_key")
    return access_by_id(IssuedCredential, user, pk, queryset=queryset)


def credential_by_reference(reference: str) -> IssuedCredential:
    """Find a credential by ``urn:uuid:…``, bare UUID or database id (command line)."""
    reference = reference.strip().removeprefix("urn:uuid:")
    queryset = IssuedCredential.objects.select_related("institution", "status_list")
    try:
        if reference.isdigit():
            return queryset.get(pk=int(reference))
        return queryset.get(uuid=reference)
    except (IssuedCredential.DoesNotExist, ValueError, ValidationError):
        raise IssuedCredential.DoesNotExist(reference) from None


def achievement_by_code(code: str, *, country: str | None = None) -> Achievement:
    """The achievement for a qualification or micro-credential.

    ``code`` is a qualification identifier of the registry (``PE:TUR-COC-3``), a national code
    completed with ``country``, or the code of an achievement entered directly. A registered
    qualification is copied (refreshed) into its achievement, so the credential states what
    the registry says on the day of issue.
    """
    identifiers = [code] if ":" in code or not country else [f"{country.upper()}:{code}", code]
    for identifier in identifiers:
        synced = sync_achievement_from_registry(identifier)
        if synced is not None:
            return synced
    for identifier in identifiers:
        found = Achievement.objects.filter(code=identifier).first()
        if found is not None:
            return found
    raise Achievement.DoesNotExist(code)


ACHIEVEMENT_TYPE_OF_KIND = {
    "qualification": "Diploma",
    "partial": "Certification",
    "micro_credential": "MicroCredential",
}


def sync_achievement_from_registry(identifier: str) -> Achievement | None:
    """Copy a qualification of the frameworks registry into an :class:`Achievement`, or None."""
    if ":" not in identifier:
        return None
    from puente.frameworks import services as frameworks

    try:
        qualification = frameworks.qualification_by_identifier(identifier)
    except ObjectDoesNotExist:
        return None
    site = settings.SITE_URL.rstrip("/")
    try:
        page = site + qualification.get_absolute_url()
    except NoReverseMatch:
        page = ""
    alignments = []
    for raw in frameworks.alignments_of(qualification):
        alignment = {
            k: raw[k] for k in ("targetType", "targetCode", "targetName", "targetFramework", "targetUrl") if raw.get(k)
        }
        if "targetUrl" not in alignment:
            # Open Badges requires a URL; framework levels have none of their own yet.
            framework_code = quote(str(raw.get("targetFrameworkCode") or raw.get("targetFramework", "")), safe="@")
            alignment["targetUrl"] = f"urn:puente:framework:{framework_code}:level:{raw.get('targetCode', '')}"
        if raw.get("matchType"):
            alignment["matchType"] = raw["matchType"]  # worded in the credential's language at issue
        alignments.append(alignment)
    defaults = {
        "achievement_type": ACHIEVEMENT_TYPE_OF_KIND.get(qualification.kind, "Diploma"),
        "name": dict(qualification.title),
        "description": dict(qualification.description),
        "qualification_code": qualification.identifier,
        "country": qualification.country_id or "",
        "field_of_study": str(qualification.isced_field) if qualification.isced_field_id else "",
        "volume_hours": qualification.volume_hours,
        "alignments": alignments,
        "page_url": page,
    }
    achievement, _created = Achievement.objects.update_or_create(code=qualification.identifier, defaults=defaults)
    return achievement


def graduates_by_email(email: str) -> QuerySet[Any]:
    from puente.success.models import Student, StudentStatus

    return Student.objects.filter(email__iexact=normalise_email(email), status=StudentStatus.GRADUATED).select_related(
        "institution"
    )


# --- verification -------------------------------------------------------------------------------

REASONS: dict[str, Any] = {
    "valid": gettext_lazy("The credential is valid."),
    "malformed": gettext_lazy("This is not a well-formed verifiable credential."),
    "bad_signature": gettext_lazy("The signature does not match: the credential was altered or forged."),
    "unsupported": gettext_lazy("The credential is secured in a way Puente does not verify."),
    "unknown_context": gettext_lazy("The credential uses a JSON-LD context that is not available offline."),
    "unknown_issuer": gettext_lazy("The issuer is not known to this Puente deployment."),
    "revoked": gettext_lazy("The issuer has revoked this credential."),
    "expired": gettext_lazy("The credential has expired."),
    "not_yet_valid": gettext_lazy("The credential is not valid yet."),
    "status_unavailable": gettext_lazy("The revocation status of this credential cannot be checked."),
}


@dataclass
class VerificationReport:
    code: str
    detail: str = ""
    credential: dict[str, Any] | None = None
    cryptosuite: str = ""
    issuer_did: str = ""
    issuer_name: str = ""
    organisation_id: int | None = None
    achievement: dict[str, Any] = field(default_factory=dict)
    holder_name: str = ""
    valid_from: str = ""
    valid_until: str = ""
    credential_id: str = ""

    @property
    def valid(self) -> bool:
        return self.code == "valid"

    @property
    def organisation(self) -> Organisation | None:
        """The issuing organisation, when the issuer is a key of this deployment."""
        if self.organisation_id is None:
            return None
        return Organisation.objects.filter(pk=self.organisation_id).first()

    @property
    def message(self) -> str:
        return str(REASONS.get(self.code, self.code))

    @property
    def valid_from_time(self) -> datetime | None:
        return _parse_time_or_none(self.valid_from)

    @property
    def valid_until_time(self) -> datetime | None:
        return _parse_time_or_none(self.valid_until)

    @property
    def alignments(self) -> list[dict[str, Any]]:
        found = self.achievement.get("alignment") or []
        return [a for a in found if isinstance(a, dict)]

    def summary(self) -> str:
        """One line for the command line."""
        if self.valid:
            return _("VALID: %(achievement)s, issued by %(issuer)s to %(holder)s (%(suite)s, %(id)s)") % {
                "achievement": self.achievement.get("name", "?"),
                "issuer": self.issuer_name or self.issuer_did,
                "holder": self.holder_name or "?",
                "suite": self.cryptosuite,
                "id": self.credential_id,
            }
        return _("INVALID (%(code)s): %(message)s") % {"code": self.code, "message": self.message} + (
            f" [{self.detail}]" if self.detail else ""
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "code": self.code,
            "message": self.message,
            "detail": self.detail,
            "credential_id": self.credential_id,
            "cryptosuite": self.cryptosuite,
            "issuer": {"id": self.issuer_did, "name": self.issuer_name},
            "achievement": {
                k: self.achievement.get(k) for k in ("name", "achievementType", "humanCode") if k in self.achievement
            },
            "alignments": self.alignments,
            "holder": self.holder_name,
            "validFrom": self.valid_from,
            "validUntil": self.valid_until,
        }


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError
    return moment


def _parse_time_or_none(value: str) -> datetime | None:
    try:
        return _parse_time(value) if value else None
    except ValueError:
        return None


def _describe(report: VerificationReport, document: dict[str, Any]) -> None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        report.issuer_did = str(issuer.get("id", ""))
        report.issuer_name = str(issuer.get("name", ""))
    elif isinstance(issuer, str):
        report.issuer_did = issuer
    subject = document.get("credentialSubject")
    if isinstance(subject, dict):
        achievement = subject.get("achievement")
        if isinstance(achievement, dict):
            report.achievement = achievement
        for identifier in subject.get("identifier") or []:
            if (
                isinstance(identifier, dict)
                and identifier.get("identityType") == "name"
                and not identifier.get("hashed")
            ):
                report.holder_name = str(identifier.get("identityHash", ""))
    report.valid_from = str(document.get("validFrom", ""))
    report.valid_until = str(document.get("validUntil", ""))
    report.credential_id = str(document.get("id", ""))


def holder_matches_email(document: dict[str, Any], email: str) -> bool:
    """Whether ``email`` is the one whose salted hash the credential carries."""
    if not isinstance(document, dict):
        return False  # malformed input (e.g. ``null``) matches nobody; verification reports why
    subject = document.get("credentialSubject") or {}
    for identifier in subject.get("identifier") or [] if isinstance(subject, dict) else []:
        if isinstance(identifier, dict) and identifier.get("identityType") == "emailAddress":
            salt = str(identifier.get("salt", ""))
            if secrets.compare_digest(
                str(identifier.get("identityHash", "")), identity_hash(normalise_email(email), salt)
            ):
                return True
    return False


def verify_credential(
    document: Any,
    *,
    now: datetime | None = None,
    status_list_document: dict[str, Any] | None = None,
    check_status: bool = True,
) -> VerificationReport:
    """Verify a credential: shape, signature, issuer, validity period, revocation.

    The issuer must be a key of this deployment (current or retired). Revocation is read from
    this deployment's database; pass ``status_list_document`` (a downloaded status list
    credential) to check against that instead, after verifying its own signature.
    """
    now = now or timezone.now()
    if not isinstance(document, dict):
        return VerificationReport("malformed", _("a credential is a JSON object"))
    report = VerificationReport("valid", credential=document)
    _describe(report, document)
    contexts = document.get("@context")
    types = document.get("type")
    if not (isinstance(contexts, list) and contexts and contexts[0] == VC_V2):
        return _fail(report, "malformed", _("the first @context must be the VC 2.0 context"))
    if not (isinstance(types, list) and "VerifiableCredential" in types):
        return _fail(report, "malformed", _("type must include VerifiableCredential"))
    if not report.issuer_did:
        return _fail(report, "malformed", _("no issuer"))
    try:
        proof = integrity.verify_proof(document)
    except integrity.ProofError as exc:
        code = {
            integrity.BAD_SIGNATURE: "bad_signature",
            integrity.UNSUPPORTED: "unsupported",
            integrity.UNKNOWN_CONTEXT: "unknown_context",
            integrity.UNRESOLVABLE_KEY: "unknown_issuer",
        }.get(exc.code, "malformed")
        return _fail(report, code, exc.detail)
    report.cryptosuite = proof.cryptosuite
    if proof.controller != report.issuer_did:
        return _fail(report, "unknown_issuer", _("the proof was made by a key that is not the issuer's"))
    # Lean queries (no ordering, values only): verification is on the hot path of the public
    # page and the API, and the bench holds it to 20 ms p95.
    found = list(
        SigningKey.objects.filter(public_key_multibase=report.issuer_did.removeprefix("did:key:"))
        .order_by()
        .values_list("id", "organisation_id")[:1]
    )
    if not found:
        return _fail(report, "unknown_issuer", report.issuer_did)
    key = _KnownKey(id=found[0][0], organisation_id=found[0][1], did=report.issuer_did)
    report.organisation_id = key.organisation_id
    try:
        valid_from = _parse_time(document.get("validFrom")) if "validFrom" in document else None
        valid_until = _parse_time(document.get("validUntil")) if "validUntil" in document else None
    except ValueError:
        return _fail(report, "malformed", _("validFrom/validUntil are not date-times with a time zone"))
    if check_status:
        failure = _check_status(document, key, status_list_document, now)
        if failure:
            return _fail(report, *failure)
    if valid_until is not None and valid_until < now:
        return _fail(report, "expired", report.valid_until)
    if valid_from is not None and valid_from > now:
        return _fail(report, "not_yet_valid", report.valid_from)
    return report


def _fail(report: VerificationReport, code: str, detail: str = "") -> VerificationReport:
    report.code = code
    report.detail = str(detail)
    return report


def _check_status(
    document: dict[str, Any], key: _KnownKey, status_list_document: dict[str, Any] | None, now: datetime
) -> tuple[str, str] | None:
    entry = document.get("credentialStatus")
    if entry is None:
        return None
    entries = entry if isinstance(entry, list) else [entry]
    for item in entries:
        if not isinstance(item, dict) or item.get("type") != "BitstringStatusListEntry":
            return ("malformed", _("unsupported credentialStatus"))
        if item.get("statusPurpose") != StatusPurpose.REVOCATION:
            continue
        try:
            index = int(item["statusListIndex"])
            url = str(item["statusListCredential"])
        except (KeyError, TypeError, ValueError):
            return ("malformed", _("credentialStatus lacks statusListIndex or statusListCredential"))
        if status_list_document is not None:
            bits_or_failure = _bits_from_document(status_list_document, url, key, now)
        else:
            bits_or_failure = _bits_from_database(url, key)
        if isinstance(bits_or_failure, tuple):
            return bits_or_failure
        try:
            if bitstring.get(bits_or_failure, index):
                return ("revoked", "")
        except bitstring.BitstringError as exc:
            return ("malformed", str(exc))
    return None


@dataclass(frozen=True)
class _KnownKey:
    id: int
    organisation_id: int
    did: str


def _bits_from_database(url: str, key: _KnownKey) -> bytes | tuple[str, str]:
    pk = _status_list_pk(url)
    if pk is None or url != settings.SITE_URL.rstrip("/") + reverse(
        "api:credential-status-list-detail", kwargs={"pk": pk}
    ):
        return ("status_unavailable", url)
    bits = list(StatusList.objects.filter(pk=pk, signing_key_id=key.id).order_by().values_list("bits", flat=True)[:1])
    if not bits:
        return ("status_unavailable", url)
    return bytes(bits[0])


def _status_list_pk(url: str) -> int | None:
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else None


def _bits_from_document(
    status_list_document: dict[str, Any], url: str, key: _KnownKey, now: datetime
) -> bytes | tuple[str, str]:
    if status_list_document.get("id") != url:
        return ("status_unavailable", _("the status list given is not the one the credential names"))
    try:
        proof = integrity.verify_proof(status_list_document)
    except integrity.ProofError as exc:
        return ("status_unavailable", _("the status list's signature is invalid: %(detail)s") % {"detail": exc.detail})
    issuer = status_list_document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != key.did or proof.controller != key.did:
        return ("status_unavailable", _("the status list was not issued by the credential's issuer"))
    subject = status_list_document.get("credentialSubject")
    if not isinstance(subject, dict):
        return ("status_unavailable", _("the status list has no credentialSubject"))
    try:
        return bitstring.decode(str(subject.get("encodedList") or ""))
    except bitstring.BitstringError as exc:
        return ("status_unavailable", str(exc))


# --- the deployment's DID document ----------------------------------------------------------------


def did_web() -> str:
    """``did:web`` of this deployment, from SITE_URL (a port is percent-encoded as the method says)."""
    netloc = urlsplit(settings.SITE_URL).netloc
    return "did:web:" + netloc.replace(":", "%3A")


def did_web_document() -> dict[str, Any]:
    """The DID document served at /.well-known/did.json: every key, current and retired."""
    did = did_web()
    keys = SigningKey.objects.select_related("organisation").order_by("organisation__code", "created_at", "id")
    methods = []
    for key in keys:
        methods.append(
            {
                "id": f"{did}#{key.public_key_multibase}",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_key_multibase,
            }
        )
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "alsoKnownAs": [key.did for key in keys],
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def keys_of(organisation: Organisation) -> QuerySet[SigningKey]:
    return SigningKey.objects.filter(organisation=organisation)


# --- demo -----------------------------------------------------------------------------------------

DEMO_INSTITUTION = "PE-IESTP-HDE"
DEMO_QUALIFICATIONS = ("PE:PE-HDE-MET-5", "PE:PE-HDE-MMP-5")


def load_demo(count: int = 6) -> dict[str, int]:
    """Issue demo credentials to a few graduates of the demo institute, and revoke one so the
    verification page has both outcomes to show. Idempotent: graduates who already hold a
    credential are skipped. Needs the frameworks demo (the two Arequipa mining qualifications)."""
    from puente.success.models import Student, StudentStatus

    achievements = []
    for code in DEMO_QUALIFICATIONS:
        try:
            achievements.append(achievement_by_code(code))
        except ObjectDoesNotExist:
            continue
    if not achievements:
        return {"issued": 0, "revoked": 0}
    graduates = list(
        Student.objects.filter(institution__code=DEMO_INSTITUTION, status=StudentStatus.GRADUATED, credentials=None)
        .exclude(email="")
        .select_related("institution")
        .order_by("external_id")[:count]
    )
    issued = [
        issue_credential(None, student=student, achievement=achievements[i % len(achievements)], language="es")
        for i, student in enumerate(graduates)
    ]
    revoked = 0
    if len(issued) > 1:
        revoke_credential(None, issued[-1], "Demo: emitida por error.")
        revoked = 1
    return {"issued": len(issued), "revoked": revoked}
