"""Forms of the credential pages: issue, revoke and the public verification."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CREDENTIAL_BYTES = 256 * 1024


class IssueForm(forms.Form):
    student_number = forms.CharField(
        label=_("Student number"), max_length=40, help_text=_("The graduate's number at your institution.")
    )
    qualification = forms.CharField(
        label=_("Qualification or micro-credential code"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "achievement-codes", "autocomplete": "off"}),
        help_text=_("As in the qualification register, e.g. PE:TUR-COC-3, or the national code alone."),
    )
    holder_did = forms.CharField(
        label=_("Holder's DID (optional)"),
        max_length=300,
        required=False,
        help_text=_("If the graduate has a wallet with a DID (did:…), the credential names it."),
    )
    valid_until = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a qualification that does not expire."),
    )
    language = forms.ChoiceField(
        label=_("Language of the credential"),
        choices=[("es", _("Spanish")), ("fr", _("French")), ("en", _("English"))],
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Credential (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("Paste the content of the credential file, or choose the file below."),
    )
    file = forms.FileField(label=_("Credential file"), required=False)
    email = forms.EmailField(
        label=_("Holder's email (optional)"),
        required=False,
        help_text=_("To check that the credential was issued to this person."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        text = data.get("credential") or ""
        if upload:
            if upload.size > MAX_CREDENTIAL_BYTES:
                raise forms.ValidationError(_("The file is too large to be a credential."))
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not a text (JSON) file.")) from None
        if not text.strip():
            raise forms.ValidationError(_("Paste a credential or choose a file."))
        if len(text.encode("utf-8")) > MAX_CREDENTIAL_BYTES:
            raise forms.ValidationError(_("The text is too large to be a credential."))
        try:
            data["document"] = json.loads(text)
        except (ValueError, RecursionError):
            raise forms.ValidationError(
                _("This is not valid JSON. A credential is a JSON file that starts with “{”.")
            ) from None
        return data
