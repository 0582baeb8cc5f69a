"""The thresholds of the reminder kinds added after the order reminders: follow-up inspections
due, complaints past their due date, the fiscal year's coverage of risky factories and loans
that moved to watch or NPL. Data only; admins change them in admin."""

from django.db import migrations

DEFAULTS = [
    ("follow_up", 1),
    ("follow_up", 14),
    ("complaint", -1),
    ("coverage", 90),
    ("coverage", 60),
    ("coverage", 30),
    ("loan", 7),
]


def seed(apps, schema_editor):
    threshold = apps.get_model("core", "ReminderThreshold")
    for kind, days in DEFAULTS:
        threshold.objects.get_or_create(kind=kind, days=days)


def unseed(apps, schema_editor):
    threshold = apps.get_model("core", "ReminderThreshold")
    for kind, days in DEFAULTS:
        threshold.objects.filter(kind=kind, days=days).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_notifications")]

    operations = [migrations.RunPython(seed, unseed)]
