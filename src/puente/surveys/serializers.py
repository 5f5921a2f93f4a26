from __future__ import annotations

from typing import Any

from rest_framework import serializers

from puente.lib.api import TranslatedSerializerField

from .models import Choice, Invitation, Question, Survey


class ChoiceSerializer(serializers.ModelSerializer):
    label: Any = TranslatedSerializerField()

    class Meta:
        model = Choice
        fields = ["code", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    text = TranslatedSerializerField(max_length=1000)
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["code", "order", "kind", "text", "required", "choices"]


class SurveySerializer(serializers.ModelSerializer):
    organisation: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TranslatedSerializerField()
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "organisation", "code", "kind", "title", "status", "reminder_days", "questions"]


class InvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=["es", "fr", "en"], default="es")
    group = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "name", "language", "group", "sent_at", "reminders_sent", "responded_at", "opted_out"]


class RateSerializer(serializers.Serializer):
    group = serializers.CharField()
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
