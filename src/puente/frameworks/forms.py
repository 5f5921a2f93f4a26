from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.models import Country, Sector

from .models import Decision


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
