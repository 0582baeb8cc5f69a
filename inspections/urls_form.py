"""URL patterns of one part of the inspections pages, included by ``inspections.urls``:
starting and filling an inspection, and its read-only page."""

from django.urls import path

from inspections.views import form

urlpatterns = [
    path("start/<int:factory_pk>/", form.inspection_start_page, name="start"),
    path("<int:pk>/", form.inspection_detail, name="detail"),
    path("<int:pk>/form/", form.inspection_form, name="form"),
    path("<int:pk>/answers/<int:item_pk>/", form.answer_post, name="answer"),
    path("<int:pk>/photos/", form.photo_upload, name="photo_upload"),
    path("<int:pk>/location/", form.location_post, name="location"),
    path("<int:pk>/summary/", form.summary_post, name="summary"),
    path("<int:pk>/submit/", form.submit_post, name="submit"),
    path("photos/<int:pk>/", form.photo_file, name="photo"),
]
