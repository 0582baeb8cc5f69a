"""A factory's numbers and dates are bounded by what is plausible, in the form and in the table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from factories.models import Factory
from tests.builders import add_factory


def edit_data(client, factory) -> dict:
    form = client.get(reverse("factories:edit", kwargs={"pk": factory.pk})).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "risk_overridden"}
    data["licence_date"] = ""
    return data


def test_minus_one_worker_is_refused_in_thai_keeping_what_was_typed(client, member):
    factory = add_factory("โรงสีข้าวเชียงแสน")
    client.force_login(member)
    url = reverse("factories:edit", kwargs={"pk": factory.pk})
    data = edit_data(client, factory) | {"workers_male": "-1"}
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "workers_male" in errors
    assert 'value="-1"' in response.content.decode()
    factory.refresh_from_db()
    assert factory.workers_male is None


def test_too_many_workers_and_horsepower_are_refused(client, member):
    factory = add_factory("โรงสีข้าวเชียงแสน")
    client.force_login(member)
    url = reverse("factories:edit", kwargs={"pk": factory.pk})
    data = edit_data(client, factory) | {"workers_male": "2000000", "horsepower": "20000000"}
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "ต้องไม่เกิน 1,000,000" in errors["workers_male"][0]
    assert "ต้องไม่เกิน 10,000,000" in errors["horsepower"][0]


def test_the_table_refuses_out_of_bound_numbers_and_dates_written_past_the_forms(db):
    factory = add_factory("โรงสีข้าวเชียงแสน")
    for values in (
        {"workers_total": 2_000_000},
        {"capital": 10**13},
        {"horsepower": -1},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Factory.objects.filter(pk=factory.pk).update(**values)
    factory.licence_date = dt.date(1857, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.save()
