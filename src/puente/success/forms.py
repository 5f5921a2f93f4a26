"""Forms of the student-success pages. Field errors are translated (Spanish first)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.models import Campus

from .models import (
    Appointment,
    AppointmentStatus,
    CaseOutcome,
    Concern,
    ContactChannel,
    FlagKind,
    Service,
    Student,
    SuccessSettings,
)


class StudentForm(forms.ModelForm):
    class Meta:
        model = Student
        fields = [
            "external_id",
            "given_name",
            "family_name",
            "sex",
            "birth_date",
            "email",
            "campus",
            "programme",
            "cohort",
            "status",
            "enrolled_on",
            "graduated_on",
            "left_on",
            "tutor",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "enrolled_on": forms.DateInput(attrs={"type": "date"}),
            "graduated_on": forms.DateInput(attrs={"type": "date"}),
            "left_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        from puente.core.roles import Role
        from puente.programmes.models import Programme

        self.fields["campus"].queryset = Campus.objects.filter(organisation_id=institution_id)  # type: ignore[attr-defined]
        self.fields["programme"].queryset = Programme.objects.filter(  # type: ignore[attr-defined]
            Q(institution_id=institution_id) | Q(also_offered_by=institution_id)
        ).distinct()
        self.fields["tutor"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(memberships__organisation_id=institution_id, memberships__role=Role.TUTOR)
            .distinct()
        )


class FlagForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to tell"),
        choices=FlagKind.choices,
        initial=FlagKind.CONCERN,
        widget=forms.RadioSelect,
    )
    concern = forms.ChoiceField(
        label=_("Concern"),
        choices=[("", _("— choose —")), *Concern.choices],
        required=False,
        help_text=_("Mental health, disability and safety go confidentially to the wellbeing unit."),
    )
    note = forms.CharField(
        label=_("What did you notice?"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == FlagKind.CONCERN and not data.get("concern"):
            self.add_error("concern", _("Say what the concern is about."))
        return data


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("How"), choices=ContactChannel.choices, initial=ContactChannel.IN_PERSON)
    reached = forms.TypedChoiceField(
        label=_("Did you reach the student?"),
        choices=[("1", _("Yes")), ("0", _("No, not yet"))],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("Everyone who follows the case sees this: no health or personal details here."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confidential_note = forms.CharField(
        label=_("Confidential note (optional)"),
        required=False,
        help_text=_("Only the case owner and wellbeing officers can read it; every reading is recorded."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    note = forms.CharField(label=_("Note for the service"), max_length=300, required=False)

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(  # type: ignore[attr-defined]
            institution_id=institution_id, active=True
        )


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[c for c in CaseOutcome.choices if c[0]])
    note = forms.CharField(
        label=_("How it was resolved"),
        max_length=300,
        required=False,
        help_text=_("Whoever raised a flag about this student receives this text."),
    )


class ConfidentialNoteForm(forms.Form):
    text = forms.CharField(label=_("Confidential note"), widget=forms.Textarea(attrs={"rows": 3}))


class AppointmentRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your email"), required=False)
    preferred_times = forms.CharField(
        label=_("When suits you"), max_length=200, required=False, help_text=_("For example: Tuesday mornings.")
    )
    message = forms.CharField(
        label=_("What would you like to talk about? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Left empty by people; bots fill it.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, anonymous: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        if anonymous:
            self.fields["name"].required = True
            self.fields["email"].required = True
        else:
            del self.fields["name"]
            del self.fields["email"]


class AppointmentUpdateForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["status", "scheduled_for"]
        widgets = {"scheduled_for": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    status = forms.ChoiceField(label=_("Status"), choices=AppointmentStatus.choices)


class ServiceForm(forms.ModelForm):
    languages_text = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Codes separated by commas, e.g. es, en, sgn (sign language)."),
    )

    class Meta:
        model = Service
        fields = [
            "code",
            "category",
            "level",
            "name",
            "description",
            "how_to_request",
            "accessibility",
            "provider_unit",
            "provider_text",
            "campuses",
            "location",
            "contact_email",
            "crisis_route",
            "active",
            "order",
        ]
        widgets = {"campuses": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from puente.core.models import Organisation, OrganisationKind

        self.fields["campuses"].queryset = Campus.objects.filter(organisation_id=institution_id)  # type: ignore[attr-defined]
        self.fields["provider_unit"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=OrganisationKind.INSTITUTIONAL_UNIT, parent_id=institution_id
        )
        for name in ("description", "how_to_request", "accessibility"):
            self.fields[name].required = False
        self.fields["languages_text"].initial = ", ".join(self.instance.languages or [])

    def clean_languages_text(self) -> list[str]:
        raw = self.cleaned_data.get("languages_text", "")
        return [code.strip().lower() for code in raw.replace(";", ",").split(",") if code.strip()]


class SuccessSettingsForm(forms.ModelForm):
    class Meta:
        model = SuccessSettings
        fields = ["show_risk_to_students", "case_due_days", "dropout_terms", "timely_graduation_months"]
