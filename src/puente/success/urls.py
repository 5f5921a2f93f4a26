from django.urls import path

from . import views

app_name = "success"
urlpatterns = [
    path("", views.student_list, name="student_list"),
    path("new/", views.student_edit, name="student_create"),
    path("<int:pk>/", views.student_detail, name="student_detail"),
    path("<int:pk>/edit/", views.student_edit, name="student_edit"),
    path("<int:pk>/flag/", views.flag_create, name="flag_create"),
    path("flags/", views.my_flags, name="my_flags"),
    path("week/", views.tutor_list, name="tutor_list"),
    path("week/<int:student_id>/contact/", views.tutor_contact, name="tutor_contact"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/contact/", views.case_contact, name="case_contact"),
    path("cases/<int:pk>/refer/", views.case_refer, name="case_refer"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("cases/<int:pk>/take/", views.case_take, name="case_take"),
    path("cases/<int:pk>/note/", views.case_note, name="case_note"),
    path("referrals/<int:pk>/close/", views.referral_close, name="referral_close"),
    path("appointments/", views.appointment_list, name="appointment_list"),
    path("appointments/<int:pk>/", views.appointment_detail, name="appointment_detail"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.service_edit, name="service_create"),
    path("catalogue/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("settings/", views.success_settings, name="settings"),
    path("outcomes/", views.outcome_report, name="outcomes"),
]
