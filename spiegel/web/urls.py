from django.urls import path

from spiegel.web import apikey_views, leaver_views, status_views, stream_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.SpiegelLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("orgs/", views.org_switcher, name="orgs"),
    path("o/<slug:slug>/", views.org_home, name="org_home"),
    path("o/<slug:slug>/cases/", views.case_list, name="case_list"),
    path("o/<slug:slug>/cases/new/", views.case_new, name="case_new"),
    path("o/<slug:slug>/cases/<str:case_id>/", views.case_detail, name="case_detail"),
    path("o/<slug:slug>/cases/<str:case_id>/withdraw/", views.case_withdraw, name="case_withdraw"),
    path("o/<slug:slug>/cases/<str:case_id>/renew/", views.case_renew, name="case_renew"),
    path("o/<slug:slug>/cases/<str:case_id>/link/", views.case_link, name="case_link"),
    path("o/<slug:slug>/apikeys/", apikey_views.apikeys, name="apikeys"),
    path("o/<slug:slug>/apikeys/<str:prefix>/revoke/", apikey_views.apikey_revoke, name="apikey_revoke"),
    path("i/<str:token>/", leaver_views.landing, name="leaver_landing"),
    path("i/<str:token>/chat/", leaver_views.chat, name="leaver_chat"),
    path("i/<str:token>/chat/stream/", stream_views.stream, name="leaver_stream"),
    path("status/", status_views.status, name="status"),
    path("healthz", views.healthz, name="healthz"),
]

# The leaver's mirror and record, and the staff pages about individual interviews (issue 5).
from spiegel.web import mirror_views, privacy_views  # noqa: E402

urlpatterns += [
    path("i/<str:token>/mirror/", mirror_views.mirror, name="leaver_mirror"),
    path("i/<str:token>/mirror/closing/", mirror_views.closing, name="leaver_closing"),
    path("i/<str:token>/withdraw/", mirror_views.leaver_withdraw, name="leaver_withdraw"),
    path("r/<str:receipt>/", mirror_views.receipt, name="receipt"),
    path("r/<str:receipt>/record.json", mirror_views.receipt_json, name="receipt_json"),
    path("r/<str:receipt>/record.pdf", mirror_views.receipt_pdf, name="receipt_pdf"),
    path("r/<str:receipt>/withdraw/", mirror_views.receipt_withdraw, name="receipt_withdraw"),
    path("o/<slug:slug>/cases/<str:case_id>/transcript/", privacy_views.case_transcript, name="case_transcript"),
]

# The organisation's view: dashboard, PDF reports, exports, the report about one interview (issue 7).
from spiegel.web import dashboard_views, report_views  # noqa: E402

urlpatterns += [
    path("o/<slug:slug>/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("o/<slug:slug>/reports/", dashboard_views.report_request, name="report_request"),
    # The job and the export are chosen by query (?job=…, ?what=…&format=…): every route stays formable from
    # an organisation and a case alone, which the leak tests walk.
    path("o/<slug:slug>/reports/status/", dashboard_views.report_status, name="report_status"),
    path("o/<slug:slug>/reports/download/", dashboard_views.report_download, name="report_download"),
    path("o/<slug:slug>/export/", dashboard_views.export, name="export"),
    path("o/<slug:slug>/cases/<str:case_id>/report/", report_views.interview_report, name="interview_report"),
    path("o/<slug:slug>/branding/", report_views.branding, name="branding"),
]

# Conversations held by a person of the practice, with Spiegel as co-pilot (issue 14).
from spiegel.web import copilot_views  # noqa: E402

urlpatterns += [
    path("o/<slug:slug>/cases/<str:case_id>/conversation/", copilot_views.plan, name="human_plan"),
    path("o/<slug:slug>/cases/<str:case_id>/copilot/", copilot_views.copilot, name="copilot"),
    path("o/<slug:slug>/cases/<str:case_id>/copilot/notes/", copilot_views.copilot_notes, name="copilot_notes"),
    path("o/<slug:slug>/cases/<str:case_id>/copilot/close/", copilot_views.copilot_close, name="copilot_close"),
    path("o/<slug:slug>/cases/<str:case_id>/statements/", copilot_views.statements, name="human_statements"),
    path("me/conversations/", copilot_views.mine, name="my_conversations"),
    path("me/profile/", copilot_views.profile, name="interviewer_profile"),
    path("me/profile/photo/", copilot_views.profile_photo, name="interviewer_photo"),
    path("i/<str:token>/interviewer.jpg", copilot_views.leaver_photo, name="leaver_interviewer_photo"),
]

# Two-step sign-in for staff (issue 16).
from spiegel.web import second_factor_views  # noqa: E402

urlpatterns += [
    path("login/code/", second_factor_views.login_code, name="login_code"),
    path("login/second-factor/", second_factor_views.login_enrol, name="login_enrol"),
    path("account/second-factor/", second_factor_views.account_second_factor, name="second_factor"),
]

# The practice's follow-up of serious disclosures (issue 13).
from spiegel.web import disclosure_views  # noqa: E402

urlpatterns += [
    path("o/<slug:slug>/cases/<str:case_id>/disclosures/", disclosure_views.case_disclosures, name="case_disclosures"),
]

# The audit log people can read, with filters, paging and a CSV export (issue 15).
from spiegel.web import audit_views  # noqa: E402

urlpatterns += [
    path("o/<slug:slug>/audit/", audit_views.audit_log, name="audit_log"),
    path("o/<slug:slug>/audit/export/", audit_views.audit_export, name="audit_export"),
]

# The practice's settings (issue 15): its organisations and what the language model receives.
from spiegel.web import settings_views  # noqa: E402

urlpatterns += [
    path("settings/", settings_views.practice_settings, name="settings"),
    path("settings/organisations/new/", settings_views.organisation_new, name="settings_organisation_new"),
    path("o/<slug:slug>/settings/", settings_views.organisation_settings, name="settings_organisation"),
]

# The people of an organisation and its interview guide (issue 15), for consultants; an invited person's
# one-time link to choose a password, and an existing account's new sign-in link.
from spiegel.web import guide_views, user_views, welcome  # noqa: E402

urlpatterns += [
    path("o/<slug:slug>/users/", user_views.users, name="settings_users"),
    path("o/<slug:slug>/users/<str:public_id>/role/", user_views.user_role, name="settings_user_role"),
    path(
        "o/<slug:slug>/users/<str:public_id>/deactivate/", user_views.user_deactivate, name="settings_user_deactivate"
    ),
    path(
        "o/<slug:slug>/users/<str:public_id>/reactivate/", user_views.user_reactivate, name="settings_user_reactivate"
    ),
    path("o/<slug:slug>/users/<str:public_id>/link/", user_views.user_link, name="settings_user_link"),
    path("o/<slug:slug>/guide/", guide_views.guide, name="settings_guide"),
    path("welcome/<uidb64>/<token>/", welcome.WelcomeView.as_view(), name="welcome"),
    path("sign-in-link/<uidb64>/<token>/", welcome.NewLinkView.as_view(), name="new_sign_in_link"),
]
