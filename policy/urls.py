from django.urls import path

from policy import dashboard_views, views

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
]
