"""``puente credentials``: issue, verify and revoke credentials; create and rotate signing keys.

    puente credentials issue --qualification CODE --holder EMAIL --out FILE.json
    puente credentials verify FILE.json [--status-list STATUS.json] [--email EMAIL]
    puente credentials revoke ID [--reason TEXT]
    puente credentials keys rotate --organisation CODE
    puente credentials keys list [--organisation CODE]

``verify`` exits 0 and prints one line when the credential is valid; otherwise it prints the
reason and exits with a code per reason (see EXIT_CODES), so scripts can tell them apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from puente.core.models import Organisation

# 1 is left to Django's generic CommandError.
EXIT_CODES = {
    "malformed": 2,
    "bad_signature": 3,
    "unknown_issuer": 4,
    "revoked": 5,
    "expired": 6,
    "not_yet_valid": 7,
    "unsupported": 8,
    "unknown_context": 8,
    "status_unavailable": 9,
}


class Command(BaseCommand):
    help = "Issue, verify and revoke verifiable credentials; rotate signing keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        issue = sub.add_parser("issue", help="Sign a credential for a graduate and write it to a file.")
        issue.add_argument("--qualification", required=True, help="Qualification identifier (PE:TUR-COC-3) or code.")
        issue.add_argument("--holder", required=True, help="The graduate's email (as in their student record).")
        issue.add_argument("--out", required=True, help="Where to write the credential JSON.")
        issue.add_argument("--organisation", help="Issuing institution code, when the email is known at several.")
        issue.add_argument("--did", default="", help="The holder's DID, if they have one.")
        issue.add_argument("--language", choices=["es", "fr", "en"], default=None)
        issue.add_argument("--cryptosuite", choices=["eddsa-jcs-2022", "eddsa-rdfc-2022"], default="eddsa-jcs-2022")

        verify = sub.add_parser("verify", help="Verify a credential file.")
        verify.add_argument("file", help="Credential JSON file ('-' for standard input).")
        verify.add_argument(
            "--status-list",
            help="A downloaded status list credential to check revocation against, instead of this database.",
        )
        verify.add_argument("--email", help="Also check the credential was issued to this email.")
        verify.add_argument("--json", action="store_true", help="Print the full report as JSON.")

        revoke = sub.add_parser("revoke", help="Revoke a credential (urn:uuid:…, UUID or database id).")
        revoke.add_argument("id")
        revoke.add_argument("--reason", default="")

        keys = sub.add_parser("keys", help="Signing keys.")
        keys_sub = keys.add_subparsers(dest="keys_action", required=True)
        rotate = keys_sub.add_parser("rotate", help="New active key; the current one is retired (still verifies).")
        rotate.add_argument("--organisation", required=True)
        listing = keys_sub.add_parser("list", help="Keys and their status.")
        listing.add_argument("--organisation")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue":
            self.issue(options)
        elif action == "verify":
            self.verify(options)
        elif action == "revoke":
            self.revoke(options)
        elif options["keys_action"] == "rotate":
            self.rotate(options)
        else:
            self.list_keys(options)

    def issue(self, options: dict[str, Any]) -> None:
        from puente.credentials import services

        graduates = services.graduates_by_email(options["holder"])
        if options["organisation"]:
            graduates = graduates.filter(institution__code=options["organisation"])
        found = list(graduates[:2])
        if not found:
            raise CommandError(f"no graduate (status 'graduated') has the email {options['holder']}")
        if len(found) > 1:
            raise CommandError("this email is a graduate's at several institutions: add --organisation CODE")
        student = found[0]
        try:
            achievement = services.achievement_by_code(options["qualification"], country=student.institution.country_id)
        except ObjectDoesNotExist:
            raise CommandError(f"no qualification or achievement has the code {options['qualification']}") from None
        try:
            credential = services.issue_credential(
                None,
                student=student,
                achievement=achievement,
                holder_email=options["holder"],
                holder_did=options["did"],
                language=options["language"] or settings.LANGUAGE_CODE,
                cryptosuite=options["cryptosuite"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        out = Path(options["out"])
        out.write_text(json.dumps(credential.document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"issued {credential.credential_id} to {student} ({achievement.code}) -> {out}")

    def verify(self, options: dict[str, Any]) -> None:
        from puente.credentials import services

        document = _read_json(options["file"], self)
        status_list = _read_json(options["status_list"], self) if options["status_list"] else None
        if status_list is not None and not isinstance(status_list, dict):
            raise CommandError("the status list file is not a JSON object")
        report = services.verify_credential(document, status_list_document=status_list)
        if options["json"]:
            body = report.as_dict()
            if options["email"]:
                body["holder_email_matches"] = services.holder_matches_email(document, options["email"])
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.summary())
        if report.valid and options["email"] and not services.holder_matches_email(document, options["email"]):
            self.stderr.write(f"the credential was not issued to {options['email']}")
            raise SystemExit(10)
        if not report.valid:
            raise SystemExit(EXIT_CODES.get(report.code, 1))

    def revoke(self, options: dict[str, Any]) -> None:
        from puente.credentials import services

        try:
            credential = services.credential_by_reference(options["id"])
        except ObjectDoesNotExist:
            raise CommandError(f"no credential {options['id']}") from None
        was_revoked = credential.is_revoked
        credential = services.revoke_credential(None, credential, options["reason"])
        state = "was already revoked" if was_revoked else "revoked"
        self.stdout.write(f"{credential.credential_id} {state}; status list {credential.status_list_id} re-signed")

    def rotate(self, options: dict[str, Any]) -> None:
        from puente.credentials import services

        organisation = _organisation(options["organisation"])
        new, old = services.rotate_key(organisation)
        self.stdout.write(f"new active key for {organisation.code}: {new.did}")
        if old is not None:
            self.stdout.write(
                f"retired {old.did}: it signs no new credential, its credentials stay verifiable "
                "and its status lists stay up to date"
            )

    def list_keys(self, options: dict[str, Any]) -> None:
        from puente.credentials import keystore
        from puente.credentials.models import SigningKey

        keys = SigningKey.objects.select_related("organisation").order_by("organisation__code", "-created_at")
        if options["organisation"]:
            keys = keys.filter(organisation__code=options["organisation"])
        for key in keys:
            private = (
                "private key on disk"
                if keystore.exists(key.organisation.code, key.public_key_multibase)
                else "NO PRIVATE KEY"
            )
            self.stdout.write(f"{key.organisation.code}\t{key.status}\t{key.created_at:%Y-%m-%d}\t{key.did}\t{private}")


def _organisation(code: str) -> Organisation:
    try:
        return Organisation.objects.get(code=code)
    except Organisation.DoesNotExist:
        raise CommandError(f"no organisation has the code {code}") from None


def _read_json(path: str, command: BaseCommand) -> Any:
    import sys

    from puente.credentials import services

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        command.stdout.write(
            services.VerificationReport("malformed", f"{path}: not JSON ({exc.msg}, line {exc.lineno})").summary()
        )
        raise SystemExit(EXIT_CODES["malformed"]) from None
