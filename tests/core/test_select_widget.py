"""The project's select template (``templates/django/forms/widgets/select.html``) draws what
Django's own draws: every option, the chosen ones selected, groups and attributes kept."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates


class Sample(forms.Form):
    one = forms.ChoiceField(choices=[("", "—"), ("a", "ก < ข"), ("b", "ค")])
    many = forms.MultipleChoiceField(
        choices=[("ภาค", [("1", "หนึ่ง"), ("2", "สอง")]), ("3", "สาม")], required=False
    )
    off = forms.ChoiceField(choices=[("x", "X")], disabled=True)


def _compact(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_a_select_is_drawn_as_django_draws_it():
    data = {"one": "a", "many": ["2", "3"], "off": "x"}
    ours = Sample(data=data)
    djangos = Sample(data=data, renderer=DjangoTemplates())  # Django's own templates
    for name in ("one", "many", "off"):
        assert _compact(str(ours[name])) == _compact(str(djangos[name]))
    assert '<option value="a" selected>ก &lt; ข</option>' in str(ours["one"])
    assert '<optgroup label="ภาค">' in str(ours["many"])
    assert '<option value="3" selected>สาม</option>' in str(ours["many"])
