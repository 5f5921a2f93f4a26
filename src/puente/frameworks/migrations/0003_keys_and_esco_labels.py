from django.db import migrations, models
import django.db.models.deletion


def fill_keys(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    Level = apps.get_model("frameworks", "Level")
    Domain = apps.get_model("frameworks", "Domain")
    for fw in Framework.objects.all():
        fw.key = f"{fw.code}@{fw.version}"
        fw.save(update_fields=["key"])
    for level in Level.objects.select_related("framework"):
        level.key = f"{level.framework.code}@{level.framework.version}/{level.number}"
        level.save(update_fields=["key"])
    for domain in Domain.objects.select_related("framework"):
        domain.key = f"{domain.framework.code}@{domain.framework.version}:{domain.code}"
        domain.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0002_search_related")]

    operations = [
        migrations.AddField("framework", "key", models.CharField(default="", editable=False, max_length=64, verbose_name="key")),
        migrations.AddField("level", "key", models.CharField(default="", editable=False, max_length=70, verbose_name="key")),
        migrations.AddField("domain", "key", models.CharField(default="", editable=False, max_length=110, verbose_name="key")),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            "framework",
            "key",
            models.CharField(editable=False, help_text="code@version, e.g. mrc-ap@1.", max_length=64, unique=True, verbose_name="key"),
        ),
        migrations.AlterField(
            "level",
            "key",
            models.CharField(editable=False, help_text="code@version/number, e.g. cl-mctp@1/3.", max_length=70, unique=True, verbose_name="key"),
        ),
        migrations.AlterField("domain", "key", models.CharField(editable=False, max_length=110, unique=True, verbose_name="key")),
        migrations.AddField(
            "escoconcept", "alt_labels", models.TextField(blank=True, help_text="One per line.", verbose_name="alternative labels")
        ),
        migrations.AddField("escoconcept", "description", models.TextField(blank=True, verbose_name="description")),
        migrations.AlterField(
            "escoconcept",
            "last_release",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="frameworks.escorelease",
                verbose_name="last recorded release",
            ),
        ),
    ]
