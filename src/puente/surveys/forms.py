"""The respondent's form, built from the survey's questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuestionKind, Survey


def _choices(question: Any) -> list[tuple[str, str]]:
    return [(c.code, str(c.label)) for c in question.choices.all()]


class ResponseForm(forms.Form):
    """One field per question, named ``q_<code>``; labels in the active language."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.prefetch_related("choices"))
        for question in self.questions:
            common: dict[str, Any] = {
                "label": str(question.text),
                "required": question.required,
                "help_text": str(question.help_text),
            }
            field: forms.Field
            if question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=_choices(question), widget=forms.RadioSelect, **common)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=_choices(question), widget=forms.CheckboxSelectMultiple, **common
                )
            elif question.kind == QuestionKind.SCALE:
                low, high = str(question.scale_low_label), str(question.scale_high_label)
                labels = {1: f"1 — {low}" if low else "1", 5: f"5 — {high}" if high else "5"}
                field = forms.TypedChoiceField(
                    choices=[(str(i), labels.get(i, str(i))) for i in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    **common,
                )
            elif question.kind == QuestionKind.NUMBER:
                field = forms.DecimalField(max_digits=14, decimal_places=2, **common)
            elif question.kind == QuestionKind.DATE:
                field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
            field.error_messages["required"] = _("Please answer this question.")
            self.fields[f"q_{question.code}"] = field

    def answers(self) -> dict[str, Any]:
        return {q.code: self.cleaned_data.get(f"q_{q.code}") for q in self.questions}
