"""The tutor persona sees only the students assigned to her; other institutions stay apart."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from puente.demo.users import TUTOR_CASELOAD
from puente.success.models import Student


def _user(username):
    return get_user_model().objects.get(username=username)


def test_the_tutor_sees_only_her_students(demo, db):
    tutor = _user("tutora.hde")
    visible = Student.objects.visible_to(tutor)
    enrolled = Student.objects.filter(institution__code="PE-IESTP-HDE", status="enrolled").count()
    assert visible.count() == min(TUTOR_CASELOAD, enrolled) > 0
    assert set(visible.values_list("tutor_id", flat=True)) == {tutor.pk}
    assert Student.objects.filter(institution__code="PE-IESTP-HDE").count() > TUTOR_CASELOAD


def test_the_tutor_page_lists_only_her_students(demo, client):
    tutor = _user("tutora.hde")
    client.force_login(tutor)
    page = client.get("/es/students/").content.decode()
    mine = Student.objects.filter(tutor=tutor)
    others = Student.objects.filter(institution__code="PE-IESTP-HDE").exclude(tutor=tutor)
    assert all(s.family_name in page for s in mine[:5])
    assert not any(s.external_id in page for s in others[:20])


def test_staff_of_one_institution_never_see_another(demo, db):
    hde, uts = _user("bienestar.hde"), _user("bienestar.uts")
    assert set(Student.objects.visible_to(hde).values_list("institution__code", flat=True)) == {"PE-IESTP-HDE"}
    assert set(Student.objects.visible_to(uts).values_list("institution__code", flat=True)) == {"CO-UTS"}


def test_the_tutor_is_a_pivot_teacher(demo, db):
    from puente.success.models import TutorProfile, TutorType

    profile = TutorProfile.objects.get(user=_user("tutora.hde"))
    assert profile.tutor_type == TutorType.PIVOT_TEACHER
    assert profile.institution.code == "PE-IESTP-HDE"
