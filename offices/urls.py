from django.urls import path

from offices import views

app_name = "offices"

urlpatterns = [
    path("", views.office_index, name="list"),
    path("<str:code>/", views.office_detail, name="detail"),
    path("<str:code>/years/<int:fiscal_year>/", views.office_year_edit, name="year_edit"),
]
