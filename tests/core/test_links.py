"""A list's row links (``{% row_url %}``) are the links ``{% url %}`` gives, whatever the row."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.links import row_url


@pytest.mark.parametrize(
    ("name", "varying", "value", "fixed"),
    [
        ("factories:detail", "pk", 7, {}),
        ("factories:detail", "pk", 1234567, {}),
        ("inspections:start", "factory_pk", 42, {}),
        ("policy:scorecard", "factory_pk", 9, {"fiscal_year": 2569}),
        ("policy:scorecard", "factory_pk", 9, {"fiscal_year": 2570}),
        ("offices:detail", "code", "57", {}),
        ("policy:visit_plan", "code", "10", {"pk": 3}),
    ],
)
def test_a_row_link_is_the_link_reverse_gives(name, varying, value, fixed):
    for language in ("th", "en"):
        with translation.override(language):
            expected = reverse(name, kwargs={varying: value, **fixed})
            assert row_url(name, varying, value, **fixed) == expected
            assert row_url(name, varying, value, **fixed) == expected  # and once kept


def test_the_tag_takes_the_rows_id_first_and_the_rest_as_is():
    template = Template(
        "{% for card in cards %}{% row_url 'policy:scorecard' factory_pk=card fiscal_year=year %}"
        " {% endfor %}"
    )
    text = template.render(Context({"cards": [1, 2, 3], "year": 2569}))
    assert text.split() == [
        reverse("policy:scorecard", kwargs={"factory_pk": pk, "fiscal_year": 2569})
        for pk in (1, 2, 3)
    ]
