from django.db import migrations, models


def record_basis(apps, schema_editor):
    """
    Each current text was written against the other language as it is now.

    A text already out of date keeps an empty basis: what the other language
    was when it was written is not known, so it stays out of date until one
    of the two changes, as before.
    """
    State = apps.get_model("pages", "FieldTranslationState")
    other = {"en": "fr", "fr": "en"}
    hashes = {
        (state.model, state.object_id, state.field, state.language): state.content_hash
        for state in State.objects.only("model", "object_id", "field", "language", "content_hash")
    }
    current = []
    for state in State.objects.filter(is_stale=False).only(
        "model", "object_id", "field", "language"
    ):
        key = (state.model, state.object_id, state.field, other[state.language])
        if key in hashes:
            state.basis_hash = hashes[key]
            current.append(state)
    State.objects.bulk_update(current, ["basis_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0011_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="fieldtranslationstate",
            name="basis_hash",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="other language's hash when written"
            ),
        ),
        migrations.RunPython(record_basis, migrations.RunPython.noop, elidable=True),
    ]
