"""One hash chain per county (docs/decisions/0004): every event gets its chain (the county of
its region) and its position in it, and is linked and digested again within its chain; the
single head row becomes one head per chain.

The old single chain is verified first: re-chaining a ledger that was tampered with would
launder the tampering, so the migration stops instead and names the event. Both digests are
frozen here as they were when this migration was written (the live ledger may change later;
the rows this migration reads and writes do not)."""

import hashlib
import json
from datetime import UTC

from django.db import migrations, models

GENESIS = "0" * 64
BATCH = 2000


def _digest(body, owner_id):
    if owner_id is not None:
        body.append(owner_id)
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _fields(event):
    return [
        event.seq,
        event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        event.actor_name,
        event.role,
        event.region,
        event.action,
        event.object_type,
        event.object_id,
        event.summary,
        event.prev_digest,
    ]


def single_chain_digest(event):
    return _digest(_fields(event), event.owner_id)


def county_chain_digest(event):
    return _digest([*_fields(event), event.chain, event.chain_seq], event.owner_id)


def chain_of(region):
    if len(region) >= 6 and region[:6].isdigit():
        return region[:6]
    return region or "CN"


def rechain(apps, schema_editor):
    LedgerEvent = apps.get_model("core", "LedgerEvent")
    LedgerHead = apps.get_model("core", "LedgerHead")
    old_head = LedgerHead.objects.filter(pk=1).first()
    tips: dict[str, tuple[int, str]] = {}
    previous, expected, batch = GENESIS, 1, []
    for event in LedgerEvent.objects.order_by("seq").iterator(chunk_size=BATCH):
        if (
            event.seq != expected
            or event.prev_digest != previous
            or single_chain_digest(event) != event.digest
        ):
            raise RuntimeError(f"台账第{expected}号事件不符，不能重新成链：请先查明")
        previous, expected = event.digest, expected + 1
        event.chain = chain_of(event.region)
        length, tip = tips.get(event.chain, (0, GENESIS))
        event.chain_seq, event.prev_digest = length + 1, tip
        event.digest = county_chain_digest(event)
        tips[event.chain] = (event.chain_seq, event.digest)
        batch.append(event)
        if len(batch) >= BATCH:
            LedgerEvent.objects.bulk_update(batch, ["chain", "chain_seq", "prev_digest", "digest"])
            batch = []
    LedgerEvent.objects.bulk_update(batch, ["chain", "chain_seq", "prev_digest", "digest"])
    if old_head is not None and (old_head.seq, old_head.digest) != (expected - 1, previous):
        raise RuntimeError("台账链尾被删除，不能重新成链：请先查明")
    LedgerHead.objects.all().delete()
    LedgerHead.objects.bulk_create(
        LedgerHead(chain=chain, seq=length, digest=tip) for chain, (length, tip) in tips.items()
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_activation_code")]

    operations = [
        migrations.AddField(
            model_name="ledgerevent",
            name="chain",
            field=models.CharField(default="", max_length=12, verbose_name="链"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ledgerevent",
            name="chain_seq",
            field=models.PositiveBigIntegerField(default=0, verbose_name="链内序号"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ledgerhead",
            name="chain",
            field=models.CharField(default="", max_length=12),
            preserve_default=False,
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
    ]
