"""Why the head added a factory to the plan (a complaint, a follow-up, another reason)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0005_factories_last_inspected'),
    ]

    operations = [
        migrations.AddField(
            model_name='inspectionplanentry',
            name='reason',
            field=models.CharField(blank=True, choices=[('complaint', 'เรื่องร้องเรียน'), ('follow_up', 'ตรวจติดตาม'), ('other', 'อื่น ๆ')], max_length=20, verbose_name='เหตุที่เพิ่มในแผน'),
        ),
    ]
