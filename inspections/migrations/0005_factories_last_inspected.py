"""Fill the register's "last inspected fiscal year" from the approved inspections there are."""

from django.db import migrations
from django.db.models import Max, OuterRef, Subquery


def fill(apps, schema_editor):
    Factory = apps.get_model("factories", "Factory")
    FactoryInspection = apps.get_model("inspections", "FactoryInspection")
    latest = (
        FactoryInspection.objects.filter(factory=OuterRef("pk"), status="approved")
        .order_by()
        .values("factory")
        .annotate(year=Max("fiscal_year"))
        .values("year")
    )
    Factory.objects.update(last_inspected_fiscal_year=Subquery(latest))


class Migration(migrations.Migration):

    dependencies = [
        ("factories", "0006_factory_last_inspected_fiscal_year"),
        ("inspections", "0004_dimensions_in_core"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
