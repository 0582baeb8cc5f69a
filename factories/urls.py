from django.urls import path

from factories.views import imports, records, register

app_name = "factories"

urlpatterns = [
    path("", register.factory_index, name="list"),
    path("add/", register.factory_create, name="create"),
    path("<int:pk>/", register.factory_detail, name="detail"),
    path("<int:pk>/edit/", register.factory_edit, name="edit"),
    path("<int:pk>/history/", register.factory_history_page, name="history"),
    path("<int:factory_pk>/certificates/add/", records.certificate_edit, name="certificate_create"),
    path(
        "<int:factory_pk>/certificates/<int:pk>/", records.certificate_edit, name="certificate_edit"
    ),
    path(
        "<int:factory_pk>/certificates/<int:pk>/delete/",
        records.certificate_delete,
        name="certificate_delete",
    ),
    path("complaints/", records.complaint_index, name="complaints"),
    path("complaints/export.xlsx", records.complaint_export, name="complaints_export"),
    path("complaints/add/", records.complaint_edit, name="complaint_create"),
    path("complaints/<int:pk>/", records.complaint_edit, name="complaint_edit"),
    path("loans/", records.loan_index, name="loans"),
    path("loans/export.xlsx", records.loan_export, name="loans_export"),
    path("loans/add/", records.loan_edit, name="loan_create"),
    path("loans/<int:pk>/", records.loan_detail, name="loan"),
    path("loans/<int:pk>/edit/", records.loan_edit, name="loan_edit"),
    path("imports/", imports.import_index, name="imports"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
]
