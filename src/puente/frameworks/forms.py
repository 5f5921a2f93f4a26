from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from puente.core.forms import AccessibleFormMixin, error_item
from puente.core.models import Country, Organisation, Sector
from puente.lib.translated import TranslatedFormField
from puente.programmes.models import IscedField, IscedFieldLevel

from .models import (
    Decision,
    DescriptorDomain,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    MatchType,
    Qualification,
    QualificationKind,
    QualificationStatus,
)
from .services import PATHWAY_FIELDS


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A choice field of ``form``, typed, to set its choices at run time."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Qualification title"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "country").choices = [("", _("All countries"))] + [
            (c.code, str(c)) for c in Country.objects.filter(pacific_alliance=True)
        ]


class DecisionForm(forms.Form):
    source = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    gaps = forms.CharField(
        label=_("Gaps (required for a partial equivalence)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    compensatory_measures = forms.CharField(
        label=_("Compensatory measures"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CorrelationFilterForm(forms.Form):
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code", required=False, empty_label=None
    )
    countries = forms.MultipleChoiceField(label=_("Countries"), widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "countries").choices = [
            (c.code, str(c)) for c in Country.objects.filter(pacific_alliance=True)
        ]


class ReportForm(CorrelationFilterForm):
    pass


# --- Registering qualifications and referencing levels (pages for registrars) ---------------------


def _label(name: str) -> Any:
    """The verbose name of a qualification field, so that the form and the admin say the same."""
    field = Qualification._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.verbose_name


def _lines(value: str) -> list[str]:
    """Values typed one per line, or separated by commas or spaces."""
    return [part for part in value.replace(",", " ").split() if part]


def _level_key_parts(key: str) -> tuple[str, str, str]:
    """``cl-mctp@1/3`` → ``("cl-mctp", "1", "3")``."""
    framework, _slash, number = key.rpartition("/")
    code, _at, version = framework.partition("@")
    return code, version, number


class QualificationForm(AccessibleFormMixin, forms.Form):
    """A qualification as a registrar enters it; :meth:`service_data` gives the exchange shape that
    :func:`services.register_qualification` checks and saves (all or nothing)."""

    country = forms.ChoiceField(label=_("Country"))
    code = forms.CharField(
        label=_label("code"),
        max_length=60,
        help_text=_(
            "The code in the national register, e.g. PE-IEST-COC-4. With the country, it identifies the qualification."
        ),
    )
    kind = forms.ChoiceField(label=_label("kind"), choices=QualificationKind.choices)
    title = TranslatedFormField(label=_label("title"), max_length=300)
    level = forms.ChoiceField(
        label=_label("level"),
        required=False,
        help_text=_(
            "A level of the national framework of the qualification's country; only a micro-credential may have "
            "none. The regional level is derived from the referencing."
        ),
    )
    awarding_body = forms.ModelChoiceField(
        label=_label("awarding_body"), queryset=Organisation.objects.none(), to_field_name="code", required=False
    )
    description = TranslatedFormField(label=_label("description"), required=False, max_length=4000)
    isced_field = forms.ModelChoiceField(
        label=_label("isced_field"), queryset=IscedField.objects.none(), to_field_name="code", required=False
    )
    isced_level = forms.IntegerField(label=_label("isced_level"), required=False, min_value=0, max_value=8)
    sector = forms.ModelChoiceField(
        label=_label("sector"), queryset=Sector.objects.all(), to_field_name="code", required=False
    )
    occupations = forms.CharField(
        label=_label("occupations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One ESCO occupation URI per line, e.g. http://data.europa.eu/esco/occupation/…"),
    )
    isco_codes = forms.CharField(
        label=_label("isco_codes"),
        required=False,
        max_length=200,
        help_text=_("ISCO-08 unit groups separated by commas, when no ESCO occupation fits, e.g. 5120."),
    )
    volume_hours = forms.IntegerField(label=_label("volume_hours"), required=False, min_value=0)
    volume_credits = forms.DecimalField(
        label=_label("volume_credits"), required=False, min_value=0, max_digits=6, decimal_places=1
    )
    credit_system = forms.CharField(label=_label("credit_system"), required=False, max_length=40)
    pathways = forms.MultipleChoiceField(
        label=_("Pathways"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )
    valid_from = forms.DateField(
        label=_label("valid_from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_label("valid_until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_label("status"), choices=QualificationStatus.choices)
    programmes = forms.CharField(
        label=_label("programmes"),
        required=False,
        max_length=1000,
        help_text=_("Codes of programmes of the registry, separated by commas, e.g. PE-HDE-MET."),
    )
    source = forms.CharField(label=_label("source"), required=False, max_length=400)

    def __init__(self, *args: Any, countries: list[str], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {c.code: str(c) for c in Country.objects.filter(code__in=countries)}
        _choice_field(self, "country").choices = [("", "—"), *[(code, names.get(code, code)) for code in countries]]
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        frameworks = (
            Framework.objects.filter(country_id__in=countries)
            .exclude(kind=FrameworkKind.REGIONAL)
            .exclude(status=FrameworkStatus.SUPERSEDED)
            .select_related("country")
            .prefetch_related("levels")
            .order_by("country_id", "code", "version")
        )
        for fw in frameworks:
            group = f"{fw.country} — {fw.name} ({fw.acronym or fw.code} v{fw.version})"
            groups.append(
                (group, [(lvl.key, f"{lvl} — {lvl.title}" if lvl.title else str(lvl)) for lvl in fw.levels.all()])
            )
        _choice_field(self, "level").choices = [("", _("No level (micro-credential)")), *groups]
        awarding = self.fields["awarding_body"]
        assert isinstance(awarding, forms.ModelChoiceField)
        awarding.queryset = Organisation.objects.filter(Q(country_id__in=countries) | Q(country__isnull=True)).order_by(
            "code"
        )
        isced = self.fields["isced_field"]
        assert isinstance(isced, forms.ModelChoiceField)
        isced.queryset = IscedField.objects.exclude(level=IscedFieldLevel.BROAD).order_by("code")
        _choice_field(self, "pathways").choices = [
            (name, capfirst(_label(field))) for name, field in PATHWAY_FIELDS.items()
        ]
        if editing:
            # Country and code identify the qualification: editing them would register another one.
            self.fields["country"].disabled = True
            self.fields["code"].disabled = True

    def service_data(self) -> dict[str, Any]:
        """The cleaned values in the shape of :func:`services.register_qualification`."""
        data = self.cleaned_data
        framework = version = number = None
        if data.get("level"):
            framework, version, number = _level_key_parts(data["level"])
        return {
            "country": data["country"],
            "code": data["code"].strip(),
            "kind": data["kind"],
            "title": dict(data["title"]),
            "description": dict(data.get("description") or {}),
            "framework": framework,
            "framework_version": version,
            "level": number,
            "awarding_body": data["awarding_body"].code if data.get("awarding_body") else None,
            "isced_field": data["isced_field"].code if data.get("isced_field") else None,
            "isced_level": data.get("isced_level"),
            "sector": data["sector"].code if data.get("sector") else None,
            "occupations": _lines(data.get("occupations") or ""),
            "isco_codes": _lines(data.get("isco_codes") or ""),
            "volume_hours": data.get("volume_hours"),
            "volume_credits": data.get("volume_credits"),
            "credit_system": data.get("credit_system") or "",
            "pathways": list(data.get("pathways") or []),
            "valid_from": data.get("valid_from"),
            "valid_until": data.get("valid_until"),
            "status": data["status"],
            "programmes": _lines(data.get("programmes") or ""),
            "source": data.get("source") or "",
        }

    @staticmethod
    def initial_from(document: dict[str, Any]) -> dict[str, Any]:
        """Initial values from a qualification in the exchange shape (``exchange.export_qualification``)."""
        level = ""
        if document.get("level") is not None and document.get("framework"):
            level = f"{document['framework']}@{document.get('framework_version') or '1'}/{document['level']}"
        return {
            **{key: document.get(key) for key in ("country", "code", "kind", "title", "description", "isced_field")},
            **{key: document.get(key) for key in ("isced_level", "sector", "volume_hours", "volume_credits")},
            **{key: document.get(key) for key in ("credit_system", "pathways", "valid_from", "valid_until")},
            "level": level,
            "awarding_body": document.get("awarding_body"),
            "status": document.get("status"),
            "occupations": "\n".join(document.get("occupations") or []),
            "isco_codes": ", ".join(document.get("isco_codes") or []),
            "programmes": ", ".join(document.get("programmes") or []),
            "source": document.get("source") or "",
        }


class OutcomeForm(AccessibleFormMixin, forms.Form):
    """One learning outcome of a qualification; a row left empty adds nothing."""

    domain = forms.ChoiceField(label=_("Domain"), choices=DescriptorDomain.choices)
    text = TranslatedFormField(label=_("Learning outcome"), required=False, max_length=2000)
    skills = forms.CharField(
        label=_("ESCO skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One ESCO skill URI per line, e.g. http://data.europa.eu/esco/skill/…"),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not any(str(v).strip() for v in (data.get("text") or {}).values())
            and not (data.get("skills") or "").strip()
        )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "domain": data["domain"],
            "text": dict(data.get("text") or {}),
            "skills": _lines(data.get("skills") or ""),
        }


OutcomeFormSet = forms.formset_factory(OutcomeForm, extra=0)


class ReferenceRowForm(AccessibleFormMixin, forms.Form):
    """One row of a referencing table: a national level, a regional level and the match type.
    A row left empty adds nothing."""

    source = forms.TypedChoiceField(label=_("National level"), coerce=int, required=False, empty_value=None)
    target = forms.TypedChoiceField(label=_("Regional level"), coerce=int, required=False, empty_value=None)
    match = forms.ChoiceField(label=_("Match type"), required=False, choices=[("", "—"), *MatchType.choices])
    rationale = TranslatedFormField(label=_("Rationale"), required=False, max_length=2000)

    def __init__(self, *args: Any, source_levels: list[Any], target_levels: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "source").choices = [("", "—"), *[(lvl.number, str(lvl)) for lvl in source_levels]]
        _choice_field(self, "target").choices = [("", "—"), *[(lvl.number, str(lvl)) for lvl in target_levels]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get("source") is not None, data.get("target") is not None, bool(data.get("match"))]
        if any(filled) and not all(filled):
            for name, present in zip(("source", "target", "match"), filled, strict=True):
                if not present:
                    self.add_error(name, format_lazy(_("“{field}” is required."), field=self.fields[name].label))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return data.get("source") is None and data.get("target") is None and not data.get("match")


ReferenceFormSet = forms.formset_factory(ReferenceRowForm, extra=0)


def formset_errors(formset: forms.BaseFormSet, row_label: Any) -> list[dict[str, Any]]:
    """Errors of a formset's rows for the error summary, each naming its row and field
    (``row_label`` has a ``%(number)s`` placeholder)."""
    items = [error_item("", message) for message in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        row = row_label % {"number": number}
        assert isinstance(form, AccessibleFormMixin)
        for item in form.error_list():
            label = f"{row} — {item['label']}" if item["label"] else row
            items.append(error_item(label, item["message"], item["anchor"]))
    return items


def describe_errors(form: forms.BaseForm) -> None:
    """Link errors added after validation (by a service) to their inputs, as
    :class:`AccessibleFormMixin` does for the form's own errors."""
    for name in form.errors:
        if name not in form.fields:
            continue
        bound = form[name]
        described = [f"{bound.auto_id}_errors"]
        if form.fields[name].help_text:
            described.insert(0, f"{bound.auto_id}_helptext")
        form.fields[name].widget.attrs.update({"aria-describedby": " ".join(described), "aria-invalid": "true"})
