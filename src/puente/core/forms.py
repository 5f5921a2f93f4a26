"""Forms of the registry, and the accessible-form behaviour every Puente form can share.

:class:`AccessibleFormMixin` gives each field a "required" message that names it, links error
messages to their inputs (``aria-describedby``) and feeds the error summary
(``core/_form_errors.html``), so that a screen-reader user hears which field is wrong and why.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, Campus, Country, Organisation, OrganisationKind, Sector, Subdivision, Theme

INSTITUTION_KINDS = (OrganisationKind.TVET_INSTITUTION, OrganisationKind.UNIVERSITY)


class AccessibleFormMixin:
    """Errors that name their field and are announced with it."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)  # translated fields come lower-case from the model
            label: Any = field.label or ""
            field.error_messages["required"] = format_lazy(_("“{field}” is required."), field=label)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        for name in errors:
            if name not in self.fields:
                continue
            bound = self[name]  # type: ignore[index]
            described = [f"{bound.auto_id}_errors"]
            if self.fields[name].help_text:
                described.insert(0, f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
            self.fields[name].widget.attrs["aria-invalid"] = "true"

    def error_list(self) -> list[dict[str, Any]]:
        """Every error with the field it belongs to, for the summary at the top of the form."""
        items: list[dict[str, Any]] = []
        errors = getattr(self, "errors", {})
        for message in errors.get("__all__", []):
            items.append(error_item("", message, ""))
        for name, messages in errors.items():
            if name == "__all__" or name not in self.fields:
                continue
            bound = self[name]  # type: ignore[index]
            # A field of several inputs (one per language) has no single id: link to the first.
            anchor = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
            for message in messages:
                items.append(error_item(bound.label, message, anchor))
        return items


def error_item(label: Any, message: Any, anchor: str = "") -> dict[str, Any]:
    """One line of an error summary: "Field: what is wrong", linked to the field."""
    text = gettext("%(field)s: %(message)s") % {"field": label, "message": message} if label else str(message)
    return {"label": label, "message": message, "anchor": anchor, "text": text}


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    """Django's login form, with errors that name their field."""


class OrganisationForm(AccessibleFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "acronym",
            "kind",
            "institution_type",
            "country",
            "subdivision",
            "city",
            "parent",
            "is_group",
            "website",
            "note",
            "source",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subdivision"].queryset = Subdivision.objects.select_related("country")  # type: ignore[attr-defined]
        parents = Organisation.objects.order_by("code")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["code"].help_text = _("Lower-case letters, digits and hyphens, e.g. pe-senati. Used in links.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors: dict[str, Any] = {}
        if data.get("institution_type") and data.get("kind") not in INSTITUTION_KINDS:
            errors["institution_type"] = _("Only TVET institutions and universities have an institution type.")
        subdivision, country = data.get("subdivision"), data.get("country")
        if subdivision and country and subdivision.country_id != country.pk:
            errors["subdivision"] = _("This subdivision is not in the chosen country.")
        if subdivision and not country:
            errors["country"] = _("Choose the country of the subdivision.")
        parent = data.get("parent")
        if parent and self.instance.pk and _is_descendant(parent, self.instance.pk):
            errors["parent"] = _("An organisation cannot be part of one of its own units.")
        if errors:
            raise ValidationError(errors)
        return data


def _is_descendant(candidate: Organisation, ancestor_pk: int) -> bool:
    seen: set[int] = set()
    node: Organisation | None = candidate
    while node is not None and node.pk not in seen:
        if node.pk == ancestor_pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


class CampusForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Campus
        fields = ["name", "subdivision", "city", "address"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        subdivisions: QuerySet[Subdivision] = Subdivision.objects.all()
        if organisation.country_id:
            subdivisions = subdivisions.filter(country_id=organisation.country_id)
        self.fields["subdivision"].queryset = subdivisions  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicates = Campus.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(_("This organisation already has a campus with this name."), code="unique")
        return name


# --- filters of list pages ----------------------------------------------------------------------


class FilterForm(AccessibleFormMixin, forms.Form):
    """A GET form: every field optional; invalid values are dropped rather than refused."""

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        values = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", [])}
        if "q" in values:  # the short name in URLs; services call it "query"
            values["query"] = values.pop("q")
        return values

    def query_string(self) -> str:
        """The current filters, to build export links that keep them."""
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in (self.data or {}).items() if k not in {"page", "format"} and v})


def _country_choices() -> list[tuple[str, Any]]:
    return [("", _("All countries")), *[(c.code, str(c)) for c in Country.objects.all()]]


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    institution_type = forms.ChoiceField(label=_("Institution type"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import InstitutionType

        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]  # type: ignore[attr-defined]
        self.fields["institution_type"].choices = [("", _("All types")), *InstitutionType.choices]  # type: ignore[attr-defined]
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]


class ProjectFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    component = forms.ChoiceField(
        label=_("Component"), required=False, choices=[("", _("Both components")), ("A", "A"), ("B", "B")]
    )
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["theme"].choices = [("", _("All themes")), *[(t.number, str(t)) for t in Theme.objects.all()]]  # type: ignore[attr-defined]
        self.fields["sector"].choices = [("", _("All sectors")), *[(s.code, str(s)) for s in Sector.objects.all()]]  # type: ignore[attr-defined]
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]


class AuditFilterForm(FilterForm):
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Institution"), required=False, queryset=Organisation.objects.none(), to_field_name="code"
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, object_types: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditAction.choices]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [("", _("All record types")), *[(t, t) for t in object_types or []]]  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(kind__in=INSTITUTION_KINDS)  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = _("All institutions")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data
