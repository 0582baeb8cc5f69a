"""URL patterns of one part of the inspections pages, included by ``inspections.urls``.

The head's review, orders under the Factory Act and follow-ups.
"""

from django.urls import path

from inspections.views import review

urlpatterns = [
    path("review/", review.review_queue, name="review_queue"),
    path("<int:pk>/review/", review.review_detail, name="review"),
    path("<int:pk>/history/", review.inspection_history_page, name="history"),
    path("<int:pk>/approve/", review.review_approve, name="approve"),
    path("<int:pk>/return/", review.review_return, name="return"),
    path("<int:pk>/amend/", review.review_amend, name="amend"),
    path("<int:pk>/orders/new/", review.order_create, name="order_create"),
    path("<int:pk>/follow-up/", review.follow_up, name="follow_up"),
    path("orders/", review.order_index, name="orders"),
    path("orders/export.xlsx", review.order_export, name="orders_export"),
    path("orders/<int:pk>/", review.order_detail, name="order"),
    path("orders/<int:pk>/history/", review.order_history_page, name="order_history"),
]
