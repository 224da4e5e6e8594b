"""A file chosen on an upload form survives a refused submission: its bytes are kept
in the blob store and the re-rendered form carries a signed reference, so the
official need not choose the file again (issue 8 item 19).

The reference names the uploader: nobody else can claim the bytes with it. A kept
blob no row names yet is an orphan to ``luutru fixity`` after its grace period, the
same time the reference stays valid."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from luutru.registry.content import inspect_upload
from luutru.storage.models import Blob
from luutru.storage.services import GRACE, open_blob, put_blob_bytes

SALT = "luutru.registry.kept-upload"
FIELD = "kept_file"


def keep(uploader, upload) -> tuple[str, str] | None:
    """Store the chosen file's bytes; return (reference, file name). A file refused for
    itself (empty, too large, not what its name says, damaged) is not worth keeping:
    None, and nothing is stored."""
    max_bytes = settings.LUUTRU_MAX_UPLOAD_BYTES
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    name = (upload.name or "tep-van-ban")[:200]
    facts = inspect_upload(data, name, max_bytes)
    if not facts.ok:
        return None
    blob = put_blob_bytes(data, facts.mime)
    token = signing.dumps(
        {"sha": blob.sha256, "name": name, "user": getattr(uploader, "pk", None)}, salt=SALT
    )
    return token, name


def restore(uploader, token: str | None) -> SimpleUploadedFile | None:
    """The file a reference names, if it is this uploader's and still kept; else None."""
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=SALT, max_age=GRACE)
    except signing.BadSignature:
        return None
    if kept.get("user") != getattr(uploader, "pk", None):
        return None
    blob = Blob.objects.filter(sha256=kept.get("sha")).first()
    if blob is None:
        return None
    try:
        with open_blob(blob) as f:
            data = f.read()
    except FileNotFoundError:
        return None
    return SimpleUploadedFile(kept.get("name") or "tep-van-ban", data, content_type=blob.mime)
