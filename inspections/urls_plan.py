"""URL patterns of one part of the inspections pages, included by ``inspections.urls``."""

from django.urls import path

from inspections.views import plan

urlpatterns = [
    path("plan/", plan.plan_index, name="plan"),
    path("plan/export.xlsx", plan.plan_export, name="plan_export"),
    path("plan/assign/", plan.plan_assign_view, name="plan-assign"),
    path("plan/add/", plan.plan_add, name="plan-add"),
    path("mine/", plan.my_inspections, name="mine"),
]
