from django.urls import include, path

app_name = "inspections"

# Each part keeps its own patterns so that the parts can grow independently; names are
# unique across them and used as "inspections:<name>".
urlpatterns = [
    path("", include("inspections.urls_plan")),
    path("", include("inspections.urls_form")),
    path("", include("inspections.urls_review")),
]
