from django.urls import path

from policy import dashboard_views, directive_views, views

app_name = "policy"

urlpatterns = [
    path("", views.index, name="index"),
    path("offices/<str:code>/<int:fiscal_year>/", views.office_summary, name="office"),
    path("targets/<int:fiscal_year>/", views.kpi_targets, name="targets"),
    path("factories/<int:factory_pk>/<int:fiscal_year>/", views.scorecard_detail, name="scorecard"),
    # The office head's KPI dashboard.
    path(
        "dashboard/offices/<str:code>/",
        dashboard_views.office_dashboard,
        name="office_dashboard",
    ),
    path(
        "dashboard/offices/<str:code>/kpis/<str:kpi_code>/",
        dashboard_views.kpi_records,
        name="kpi_records",
    ),
    # The directives of the inspection rounds and an office's visits.
    path("directives/", directive_views.directive_index, name="directives"),
    path("directives/<int:pk>/", directive_views.directive_detail, name="directive"),
    path("visits/", directive_views.my_visits, name="my_visits"),
]
