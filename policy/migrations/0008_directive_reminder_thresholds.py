"""The thresholds of the directives' reminders: seven days before a directive of an inspection
round is due and once it is overdue; admins change them in admin."""

from django.db import migrations

DEFAULTS = [("directive", 7), ("directive", -1)]


def seed(apps, schema_editor):
    threshold = apps.get_model("core", "ReminderThreshold")
    for kind, days in DEFAULTS:
        threshold.objects.get_or_create(kind=kind, days=days)


def unseed(apps, schema_editor):
    threshold = apps.get_model("core", "ReminderThreshold")
    for kind, days in DEFAULTS:
        threshold.objects.filter(kind=kind, days=days).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_more_reminder_kinds"),
        ("policy", "0007_inspection_rounds"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
