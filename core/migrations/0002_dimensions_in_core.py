"""The MIND dimensions move from policy to core, below both apps that use them.

State only: the table keeps its name (policy_dimension) and its rows. Existing admins'
permissions follow the model, since its content type is relabelled."""

from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="policy", model="dimension").update(app_label="core")


def relabel_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="core", model="dimension").update(app_label="policy")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Dimension',
                    fields=[
                        ('code', models.CharField(max_length=20, primary_key=True, serialize=False, verbose_name='รหัส')),
                        ('order', models.PositiveSmallIntegerField(unique=True, verbose_name='ลำดับ')),
                        ('name', models.CharField(max_length=200, verbose_name='ชื่อมิติ')),
                        ('name_en', models.CharField(max_length=200, verbose_name='ชื่อภาษาอังกฤษ')),
                        ('description', models.TextField(blank=True, verbose_name='คำอธิบาย')),
                    ],
                    options={
                        'verbose_name': 'มิติตามนโยบาย MIND',
                        'verbose_name_plural': 'มิติตามนโยบาย MIND',
                        'db_table': 'policy_dimension',
                        'ordering': ['order'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, relabel_content_type_back),
    ]
