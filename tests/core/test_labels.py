"""``get_FOO_display()`` of the models with ``core.labels.ChoiceLabels``: the label Django's own
gives, in the language of the page, and the stored value when it is not a choice."""

import pytest
from django.db.models import Model
from django.utils import translation

from factories.models import Complaint
from inspections.models import FactoryInspection, InspectionStatus
from offices.models import Role, User


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_label_is_djangos_in_the_language_shown(language):
    with translation.override(language):
        for role in Role:
            person = User(role=role.value)
            assert person.get_role_display() == Model._get_FIELD_display(
                person, User._meta.get_field("role")
            )
            assert person.get_role_display() == str(role.label)
        for status in InspectionStatus:
            inspection = FactoryInspection(status=status.value)
            assert inspection.get_status_display() == str(status.label)


def test_the_same_field_speaks_each_language_in_turn():
    person = User(role=Role.HEAD)
    with translation.override("th"):
        assert person.get_role_display() == "อุตสาหกรรมจังหวัด"
    with translation.override("en"):
        english = person.get_role_display()
        assert english == str(Role.HEAD.label)
    assert english != "อุตสาหกรรมจังหวัด"  # the English catalogue has it
    with translation.override("th"):
        assert person.get_role_display() == "อุตสาหกรรมจังหวัด"  # and back


def test_a_value_that_is_no_choice_is_shown_as_stored():
    assert Complaint(category="something-else").get_category_display() == "something-else"
    assert User(role="").get_role_display() == ""


def test_choices_read_from_the_kpi_registry_follow_the_language_too():
    from policy.kpis import KPIS
    from policy.models import RoundTopic

    topic = RoundTopic(kpi_code="inspection_coverage")
    for language in ("en", "th", "en"):
        with translation.override(language):
            assert topic.get_kpi_code_display() == str(KPIS["inspection_coverage"].name)
    with translation.override("th"):
        assert topic.get_kpi_code_display() == "ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง"
