"""The scoring rubric: shipped for two fiscal years, frozen once published, versioned."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from core.thaidates import current_fiscal_year
from policy.models import Rubric, RubricRule, RubricStatus
from policy.services import rubric_new_version, rubric_publish, rubric_reference_load


def test_it_ships_a_published_rubric_for_this_and_last_fiscal_year(db):
    this_year = current_fiscal_year()
    for year in (this_year - 1, this_year):
        rubric = Rubric.objects.get(fiscal_year=year, status=RubricStatus.PUBLISHED)
        assert rubric.thresholds == {
            "business": 60,
            "community": 60,
            "environment": 60,
            "income": 60,
        }
        assert set(rubric.rules.values_list("dimension_id", flat=True)) == {
            "business",
            "community",
            "environment",
            "income",
        }
        assert all(rule.note for rule in rubric.rules.all())


def test_it_loads_the_rubric_idempotently(db):
    before = Rubric.objects.count()
    assert rubric_reference_load().created == {}
    call_command("load_reference_data", verbosity=0)
    assert Rubric.objects.count() == before


def test_it_refuses_to_change_a_published_rubric_or_its_rules(rubric):
    rubric.thresholds = {**rubric.thresholds, "income": 10}
    with pytest.raises(ValidationError):
        rubric.save()
    rule = rubric.rules.first()
    rule.weight = Decimal(9)
    with pytest.raises(ValidationError):
        rule.save()
    with pytest.raises(ValidationError):
        rule.delete()
    with pytest.raises(ValidationError):
        RubricRule.objects.create(rubric=rubric, dimension_id="income", source="orders", weight=1)
    with pytest.raises(ValidationError):
        Rubric.objects.get(pk=rubric.pk).delete()


def test_it_makes_a_new_version_to_edit_and_retires_the_old_one_on_publishing(rubric):
    draft = rubric_new_version(rubric=rubric)
    assert (draft.version, draft.status) == (2, RubricStatus.DRAFT)
    assert draft.rules.count() == rubric.rules.count()
    draft.thresholds = {**draft.thresholds, "income": 50}
    draft.save()
    rule = draft.rules.get(dimension="income", source="local_employment")
    rule.params = {**rule.params, "full_marks_at": 70}
    rule.save()
    rubric_publish(rubric=draft)
    rubric.refresh_from_db()
    assert rubric.status == RubricStatus.RETIRED
    assert (
        rubric.rules.get(dimension="income", source="local_employment").params["full_marks_at"]
        == 80
    )
    assert Rubric.objects.get(fiscal_year=rubric.fiscal_year, status="published") == draft


def test_it_requires_a_threshold_for_each_of_the_four_dimensions(rubric):
    draft = rubric_new_version(rubric=rubric)
    draft.thresholds = {"business": 60}
    draft.save()
    with pytest.raises(ValidationError):
        rubric_publish(rubric=draft)


def test_it_shows_published_rubrics_read_only_in_admin(client, admin_user, rubric):
    client.force_login(admin_user)
    response = client.get(reverse("admin:policy_rubric_change", args=[rubric.pk]))
    assert response.status_code == 200
    assert 'name="thresholds"' not in response.content.decode()
    draft = rubric_new_version(rubric=rubric)
    response = client.get(reverse("admin:policy_rubric_change", args=[draft.pk]))
    assert 'name="thresholds"' in response.content.decode()
