"""Values from the register are escaped wherever the list renders them by hand."""

from django.urls import reverse

from factories.models import Factory
from tests.builders import add_factory


def test_it_escapes_names_in_the_list_and_the_filters(client, member):
    add_factory('<script>alert("x")</script> จำกัด', operator_name="<b>นาย ก</b>")
    client.force_login(member)
    body = client.get(reverse("factories:list")).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; จำกัด" in body
    assert "&lt;b&gt;นาย ก&lt;/b&gt;" in body
    assert Factory.objects.count() == 1
