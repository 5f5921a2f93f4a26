"""Forms of the import pages: upload, and the column mapping (one labelled select per field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from puente.core.models import Organisation

from .models import ImportJob
from .tabular import ImportSpec

ENCODING_CHOICES = [
    ("auto", _("Detect (UTF-8 or UTF-16)")),
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("windows-1252", _("Windows-1252 (Excel on Windows, “ANSI”)")),
    ("latin-1", "Latin-1 (ISO-8859-1)"),
]


class ImportUploadForm(forms.Form):
    spec = forms.ChoiceField(label=_("Table"), help_text=_("What the rows of the file describe."))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=None
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; , or tabs) or Excel .xlsx. The first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx"}),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding of a CSV file"),
        choices=ENCODING_CHOICES,
        initial="auto",
        help_text=_("Change it only if accents look wrong or the file is refused."),
    )
    sheet = forms.CharField(
        label=_("Excel sheet"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to use the sheet whose columns match the table."),
    )

    def __init__(self, *args: Any, specs: list[type[ImportSpec]], organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spec_field: Any = self.fields["spec"]
        spec_field.choices = [(spec.slug, spec.label) for spec in specs]
        organisation_field: Any = self.fields["organisation"]
        organisation_field.queryset = organisations
        organisation_field.initial = organisations.first()
        self.organisations = organisations

    def clean_organisation(self) -> Organisation | None:
        """With a single organisation to import for, it need not be chosen."""
        organisation = self.cleaned_data.get("organisation")
        if organisation is None and self.organisations.count() == 1:
            return self.organisations.first()
        return organisation


class MappingForm(forms.Form):
    """One select per expected column; its options are the file's headers."""

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        self.spec = job.spec_class
        options = [("", _("— not in this file —"))] + [(h, h) for h in job.headers if h]
        for column in self.spec.columns:
            help_parts = [str(column.help_text)] if column.help_text else []
            self.fields[column.key] = forms.ChoiceField(
                label=column.label,
                choices=options,
                required=column.required,
                initial=job.mapping.get(column.key, ""),
                help_text=" ".join(help_parts),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        used: dict[str, str] = {}
        for key, header in data.items():
            if not header:
                continue
            if header in used:
                self.add_error(key, _("This column of the file is already chosen for another field."))
            used[header] = key
        return data

    def mapping(self) -> dict[str, str]:
        return {key: header for key, header in self.cleaned_data.items() if header}
