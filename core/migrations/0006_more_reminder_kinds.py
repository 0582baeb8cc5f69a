"""The thresholds of the reminder kinds added after the order reminders: follow-up inspections
due, complaints past their due date, the fiscal year's coverage of risky factories and loans
that moved to watch or NPL; admins change them in admin. Besides, the Thai names of the
digest's and the preference's fields, for admin (no change to the tables)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

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
    dependencies = [
        ("core", "0005_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="digestsend",
            options={
                "verbose_name": "อีเมลสรุปรายวันที่ส่งแล้ว",
                "verbose_name_plural": "อีเมลสรุปรายวันที่ส่งแล้ว",
            },
        ),
        migrations.AlterModelOptions(
            name="notificationpreference",
            options={
                "verbose_name": "การตั้งค่าการแจ้งเตือน",
                "verbose_name_plural": "การตั้งค่าการแจ้งเตือน",
            },
        ),
        migrations.AlterField(
            model_name="digestsend",
            name="day",
            field=models.DateField(verbose_name="สรุปของวันที่"),
        ),
        migrations.AlterField(
            model_name="digestsend",
            name="recipient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                to=settings.AUTH_USER_MODEL,
                verbose_name="ผู้รับ",
            ),
        ),
        migrations.AlterField(
            model_name="digestsend",
            name="sent_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="ส่งเมื่อ"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="recipient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ผู้รับ",
            ),
        ),
        migrations.AlterField(
            model_name="notificationpreference",
            name="user",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                to=settings.AUTH_USER_MODEL,
                verbose_name="ผู้ใช้",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
