"""Forms to find, create and change programmes and their competencies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from puente.core.forms import INSTITUTION_KINDS, AccessibleFormMixin, FilterForm
from puente.core.models import Country, Organisation, Project, Sector
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, scope_for

from .models import Competency, IscedField, IscedFieldLevel, IscedLevel, Programme, ProgrammeKind


def manageable_institutions(user: AnyUser | None) -> QuerySet[Organisation]:
    """Institutions whose programmes ``user`` may create or change."""
    scope = scope_for(user)
    institutions = Organisation.objects.filter(kind__in=INSTITUTION_KINDS).select_related("country")
    if scope.is_admin:
        return institutions
    return institutions.filter(pk__in=scope.organisations_with(Capability.MANAGE_PROGRAMMES))


class ProgrammeForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "code",
            "institution",
            "title",
            "kind",
            "isced_level",
            "isced_field",
            "sector",
            "duration_hours",
            "modality",
            "credential",
            "project",
            "note",
            "source",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: AnyUser | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institutions = manageable_institutions(user)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        if not self.instance.pk and institutions.count() == 1:
            self.fields["institution"].initial = institutions.first()
        self.fields["isced_field"].queryset = IscedField.objects.exclude(level=IscedFieldLevel.BROAD)  # type: ignore[attr-defined]
        self.fields["isced_field"].help_text = _(
            "A narrow or detailed field of ISCED-F 2013, e.g. 0724 Mining and extraction."
        )
        self.fields["project"].queryset = Project.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["code"].help_text = _("A code unique in Puente, e.g. PE-SENATI-MEC. Used in links.")
        self.fields["duration_hours"].widget.attrs.update({"inputmode": "numeric", "min": 1, "max": 20000})

    def clean_duration_hours(self) -> int | None:
        hours = self.cleaned_data.get("duration_hours")
        if hours is not None and not 1 <= hours <= 20000:
            raise ValidationError(_("Enter a duration between 1 and 20,000 hours."), code="range")
        return hours


class CompetencyForm(AccessibleFormMixin, forms.ModelForm):
    esco_uri = forms.URLField(label=_("ESCO skill URI"), required=False, assume_scheme="http", max_length=200)

    class Meta:
        model = Competency
        fields = ["code", "title", "kind", "esco_uri"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["esco_uri"].help_text = _(
            "Optional: the ESCO skill this competency matches (http://data.europa.eu/esco/skill/…)."
        )

    def clean_esco_uri(self) -> str:
        uri = self.cleaned_data.get("esco_uri", "")
        if uri and not uri.startswith("http://data.europa.eu/esco/"):
            raise ValidationError(_("An ESCO URI starts with http://data.europa.eu/esco/."), code="esco")
        return uri


class BaseCompetencyFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        codes: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            code = (form.cleaned_data.get("code") or "").strip().upper()
            if code and code in codes:
                form.add_error("code", _("Two competencies have this code."))
            codes.add(code)


CompetencyFormSet = forms.inlineformset_factory(
    Programme,
    Competency,
    form=CompetencyForm,
    formset=BaseCompetencyFormSet,
    extra=2,
    can_delete=True,
    max_num=200,
)


class ProgrammeFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    isced_level = forms.TypedChoiceField(label=_("ISCED 2011 level"), required=False, coerce=int, empty_value=None)
    field = forms.ChoiceField(label=_("Field of education (ISCED-F)"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["country"].choices = [("", _("All countries")), *[(c.code, str(c)) for c in Country.objects.all()]]  # type: ignore[attr-defined]
        self.fields["sector"].choices = [("", _("All sectors")), *[(s.code, str(s)) for s in Sector.objects.all()]]  # type: ignore[attr-defined]
        self.fields["isced_level"].choices = [("", _("All levels")), *IscedLevel.choices]  # type: ignore[attr-defined]
        broad = IscedField.objects.filter(level=IscedFieldLevel.BROAD).order_by("code")
        self.fields["field"].choices = [("", _("All fields")), *[(f.code, str(f)) for f in broad]]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All kinds")), *ProgrammeKind.choices]  # type: ignore[attr-defined]
