"""
The search vector's field class becomes pages.fields.SearchVectorField.

The column stays as it is (tsvector, GIN-indexed on PostgreSQL): only the
migration state changes. A plain AlterField would rebuild the table on
SQLite, since the field's import path differs.
"""

from django.db import migrations

import pages.fields


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0009_editorial_staff_groups"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchentry",
                    name="search_vector",
                    field=pages.fields.SearchVectorField(editable=False, null=True),
                ),
            ],
        ),
    ]
