from django.urls import path

from policy import dashboard_views, directive_views, round_views, views

app_name = "policy"

urlpatterns = [
    path("", views.index, name="index"),
    path("offices/<str:code>/<int:fiscal_year>/", views.office_summary, name="office"),
    path("targets/<int:fiscal_year>/", views.kpi_targets, name="targets"),
    path("targets/<int:fiscal_year>/history/", views.kpi_target_history, name="target_history"),
    path("factories/<int:factory_pk>/<int:fiscal_year>/", views.scorecard_detail, name="scorecard"),
    # The office head's KPI dashboard.
    path(
        "dashboard/offices/<str:code>/",
        dashboard_views.office_dashboard,
        name="office_dashboard",
    ),
    # The inspector's region and the executives' nation.
    path("dashboard/regions/", dashboard_views.regions_dashboard, name="regions_dashboard"),
    path(
        "dashboard/regions/<int:number>/",
        dashboard_views.region_dashboard,
        name="region_dashboard",
    ),
    path("dashboard/nation/", dashboard_views.national_dashboard, name="national_dashboard"),
    path(
        "dashboard/offices/<str:code>/kpis/<str:kpi_code>/",
        dashboard_views.kpi_records,
        name="kpi_records",
    ),
    # The ministry's inspection rounds of the offices.
    path("rounds/", round_views.round_list, name="rounds"),
    path("rounds/<int:pk>/", round_views.round_overview, name="round"),
    path("rounds/<int:pk>/offices/<str:code>/plan/", round_views.visit_plan, name="visit_plan"),
    path("visits/<int:pk>/", round_views.visit_page, name="visit"),
    path("visits/<int:pk>/edit/", round_views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/record/", round_views.visit_record_post, name="visit_record"),
    path("visits/<int:pk>/figures/", round_views.figures_post, name="visit_figures"),
    path("visits/<int:pk>/directives/", round_views.directive_post, name="visit_directive"),
    path(
        "visits/<int:pk>/topics/<int:report_pk>/report/",
        round_views.topic_report_post,
        name="topic_report",
    ),
    path(
        "visits/<int:pk>/topics/<int:report_pk>/outcome/",
        round_views.topic_outcome_post,
        name="topic_outcome",
    ),
    # The directives of the inspection rounds and an office's visits.
    path("directives/", directive_views.directive_index, name="directives"),
    path("directives/<int:pk>/", directive_views.directive_detail, name="directive"),
    path(
        "directives/<int:pk>/history/", directive_views.directive_history, name="directive_history"
    ),
    path("visits/", directive_views.my_visits, name="my_visits"),
]
