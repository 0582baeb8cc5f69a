from django.urls import path

from policy import views

app_name = "policy"

urlpatterns = [
    path("", views.index, name="index"),
    path("offices/<str:code>/<int:fiscal_year>/", views.office_summary, name="office"),
    path("targets/<int:fiscal_year>/", views.kpi_targets, name="targets"),
    path("factories/<int:factory_pk>/<int:fiscal_year>/", views.scorecard_detail, name="scorecard"),
]
