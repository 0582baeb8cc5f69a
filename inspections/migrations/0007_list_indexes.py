"""Indexes behind the lists of inspections and orders.

- an office's inspections of a year by status, and its orders by status, carry the factory: the
  plan reads the office's inspections and open orders from the index alone;
- an office's inspections by status and submission: the review queue in order, and the count
  of an officer's open inspections without reading every inspection of the office;
- orders by deadline, of one office and of all: the order list reads its page in order instead
  of sorting every order of the office.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("factories", "0007_list_indexes"),
        ("inspections", "0006_plan_entry_reason"),
        ("offices", "0002_office_year_bounded"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="factoryinspection",
            name="inspection_office_fy",
        ),
        migrations.RemoveIndex(
            model_name="order",
            name="order_office_status",
        ),
        migrations.AddIndex(
            model_name="factoryinspection",
            index=models.Index(
                fields=["office", "fiscal_year", "status"],
                include=("factory",),
                name="inspection_office_fy",
            ),
        ),
        migrations.AddIndex(
            model_name="factoryinspection",
            index=models.Index(
                fields=["office", "status", "submitted_at"],
                include=("id", "lead_inspector"),
                name="inspection_office_status",
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(
                fields=["office", "status", "deadline"],
                include=("factory",),
                name="order_office_status",
            ),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["office", "deadline", "id"], name="order_office_deadline"),
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["deadline", "id"], name="order_deadline"),
        ),
    ]
