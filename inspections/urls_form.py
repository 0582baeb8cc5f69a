"""URL patterns of one part of the inspections pages, included by ``inspections.urls``."""

urlpatterns: list = []
