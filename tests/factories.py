"""Factories for the records most tests need. Names follow the seed's glossary."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from puente.core.models import Country, Membership, Organisation, OrganisationKind
from puente.core.roles import Role
from puente.programmes.models import Programme
from puente.success.models import Sex, Student


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "PE"
    name = factory.LazyAttribute(lambda o: {"es": o.code, "fr": o.code, "en": o.code})
    pacific_alliance = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.LazyAttribute(lambda o: {"es": f"Instituto {o.code}"})
    kind = OrganisationKind.TVET_INSTITUTION
    country = factory.SubFactory(CountryFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyAttribute(lambda o: o.username.capitalize())
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.STUDENT_SERVICES


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"PRG-{n}")
    institution = factory.SubFactory(OrganisationFactory)
    title = factory.LazyAttribute(lambda o: {"es": f"Programa {o.code}"})


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    institution = factory.SubFactory(OrganisationFactory)
    external_id = factory.Sequence(lambda n: f"S{n:06d}")
    given_name = factory.Sequence(lambda n: f"Nombre{n}")
    family_name = factory.Sequence(lambda n: f"Apellido{n}")
    sex = Sex.FEMALE
