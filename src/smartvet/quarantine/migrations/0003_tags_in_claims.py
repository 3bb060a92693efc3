"""One store of a declaration's tags: the ear-tag app's claims (issue 9, point 5).

Until now a declaration's tags were kept four times: Declaration.ear_tags, DeclarationTag
rows, the ear-tag claims (while live) and Certificate.ear_tags. Every tag listed in the first
two becomes a claim under the declaration's ref, ended as the declaration and its
certificate went (released, arrived) or kept live where it still is (an open declaration, a
valid certificate); then the three other stores are dropped. Backwards, the lists are
written back from the claims and the ended claims removed, as the old code kept them."""

from django.db import migrations

LIVE = ("claimed", "in_transit")
CHUNK = 2000


def _numbers(codes):
    return {int(code) for code in codes if str(code).isdigit() and len(str(code)) == 15}


def _claim_for(declaration, certificate):
    """(status, ended_at, certificate_no) of a claim the declaration's state calls for."""
    status = declaration["status"]
    if status in {"submitted", "accepted"}:
        return "claimed", None, ""
    if status == "rejected":
        return "released", declaration["accepted_at"] or declaration["declared_at"], ""
    if status == "failed":
        return "released", declaration["inspected_at"] or declaration["declared_at"], ""
    if certificate is None:
        return "released", declaration["inspected_at"] or declaration["declared_at"], ""
    number, cert_status, arrived_at, revoked_at = certificate
    if cert_status == "arrived":
        return "arrived", arrived_at, number
    if cert_status == "revoked":
        return "released", revoked_at, number
    return "in_transit", None, number


def forward(apps, schema_editor):
    Declaration = apps.get_model("quarantine", "Declaration")
    DeclarationTag = apps.get_model("quarantine", "DeclarationTag")
    Certificate = apps.get_model("quarantine", "Certificate")
    TagClaim = apps.get_model("eartags", "TagClaim")
    # A migrated claim keeps the time it was made, the declaration's.
    TagClaim._meta.get_field("created_at").auto_now_add = False
    fields = ("id", "farm_id", "status", "declared_at", "accepted_at", "inspected_at", "ear_tags")
    ids = list(Declaration.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        declarations = Declaration.objects.filter(id__in=chunk).values(*fields)
        listed = {}
        for row in DeclarationTag.objects.filter(declaration_id__in=chunk).values_list(
            "declaration_id", "code"
        ):
            listed.setdefault(row[0], set()).update(_numbers([row[1]]))
        certificates = {
            row[0]: row[1:]
            for row in Certificate.objects.filter(declaration_id__in=chunk).values_list(
                "declaration_id", "number", "status", "arrived_at", "revoked_at"
            )
        }
        refs = [f"declaration:{pk}" for pk in chunk]
        existing = set(TagClaim.objects.filter(ref__in=refs).values_list("ref", "code"))
        wanted = []
        for declaration in declarations:
            ref = f"declaration:{declaration['id']}"
            numbers = _numbers(declaration["ear_tags"] or []) | listed.get(declaration["id"], set())
            status, ended_at, number = _claim_for(declaration, certificates.get(declaration["id"]))
            wanted += [
                (code, ref, status, ended_at, number, declaration)
                for code in sorted(numbers)
                if (ref, code) not in existing
            ]
        live = set(
            TagClaim.objects.filter(
                status__in=LIVE, code__in=[code for code, *_rest in wanted]
            ).values_list("code", flat=True)
        )
        claims = []
        for code, ref, status, ended_at, number, declaration in wanted:
            if status in LIVE and code in live:  # held elsewhere already: kept as history
                status, ended_at = "released", declaration["declared_at"]
            if status in LIVE:
                live.add(code)
            claims.append(
                TagClaim(
                    code=code,
                    ref=ref,
                    status=status,
                    farm_id=declaration["farm_id"],
                    certificate_no=number,
                    created_at=declaration["declared_at"],
                    ended_at=ended_at,
                )
            )
        TagClaim.objects.bulk_create(claims, batch_size=CHUNK)


def backward(apps, schema_editor):
    Declaration = apps.get_model("quarantine", "Declaration")
    DeclarationTag = apps.get_model("quarantine", "DeclarationTag")
    Certificate = apps.get_model("quarantine", "Certificate")
    TagClaim = apps.get_model("eartags", "TagClaim")
    lists = {}
    for ref, code, status in TagClaim.objects.filter(ref__startswith="declaration:").values_list(
        "ref", "code", "status"
    ):
        lists.setdefault(int(ref.partition(":")[2]), []).append((code, status in LIVE))
    for pk, claims in lists.items():
        codes = [f"{code:015d}" for code, _live in sorted(claims)]
        Declaration.objects.filter(pk=pk).update(ear_tags=codes)
        Certificate.objects.filter(declaration_id=pk).update(ear_tags=codes)
        DeclarationTag.objects.bulk_create(
            [
                DeclarationTag(declaration_id=pk, code=f"{code:015d}", active=live)
                for code, live in sorted(claims)
            ]
        )
    TagClaim.objects.exclude(status__in=LIVE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quarantine", "0002_arrival_notes"),
        ("eartags", "0006_claims_as_history"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="declaration", name="ear_tags"),
        migrations.RemoveField(model_name="certificate", name="ear_tags"),
        migrations.DeleteModel(name="DeclarationTag"),
    ]
