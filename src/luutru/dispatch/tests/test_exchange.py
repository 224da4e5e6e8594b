"""Exchange packages: a ZIP with the PDF and a metadata file under the JSON Schema
kept in the repo; another luutru installation imports it into a body's incoming
series (``luutru exchange import FILE --org CODE``)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from django.core.management import call_command

from luutru.core.errors import RuleViolation
from luutru.desk.models import Arrival
from luutru.dispatch import network, services
from luutru.dispatch.tests.conftest import issued
from luutru.registry.models import Document
from luutru.storage.services import open_blob

SRC = str(Path(__file__).resolve().parents[3])


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_the_package_holds_the_pdf_and_metadata_valid_under_the_schema(net):
    w = net
    o = issued(w).outgoing
    name, data = services.export_package(w.clerk, o)
    assert name == "goi-trao-doi-01-CV-VPTU.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        meta = json.loads(z.read("metadata.json"))
        content = z.read(f"van-ban/{meta['file']['name']}")
    jsonschema.validate(meta, network.package_schema())
    doc = meta["document"]
    assert (doc["Symbol"], doc["CodeNumber"], doc["CodeNotation"]) == (
        "01-CV/VPTU",
        "01",
        "CV/VPTU",
    )
    assert doc["OrganName"] == "Văn phòng Tỉnh ủy" and doc["Subject"] == o.subject
    assert [t["OrganName"] for t in doc["To"]] == ["Đảng ủy xã Thử nghiệm", "Sở Nội vụ tỉnh"]
    assert doc["IssuedAmount"] == 3
    with open_blob(o.document.blob) as f:
        assert content == f.read()


def test_a_package_is_imported_into_another_bodys_incoming_series(net):
    w = net
    o = issued(w).outgoing
    _, data = services.export_package(w.clerk, o)
    arrival = services.import_package(None, w.district, data)
    assert arrival.org == w.district and arrival.channel == "electronic"
    assert arrival.document.symbol_display == "01-CV/VPTU"
    assert arrival.document.subject == o.subject
    assert arrival.sender == "Văn phòng Tỉnh ủy"


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda meta, pdf: (b"not a zip", None), "không phải tệp ZIP"),
        (lambda meta, pdf: (_zip({"van-ban/x.pdf": pdf}), None), "thiếu phần"),
        (
            lambda meta, pdf: (_zip({"metadata.json": b"\xff\xfe", "van-ban/x.pdf": pdf}), None),
            "không đọc được",
        ),
        (lambda meta, pdf: ({**meta, "format": "khac"}, pdf), "không đúng mẫu ở “format”"),
        (
            lambda meta, pdf: ({**meta, "document": {**meta["document"], "Subject": ""}}, pdf),
            "document/Subject",
        ),
        (lambda meta, pdf: (meta, pdf + b"%% sua"), "đã bị thay đổi"),
    ],
)
def test_a_bad_package_is_refused_and_changes_nothing(net, mangle, message):
    w = net
    o = issued(w).outgoing
    _, data = services.export_package(w.clerk, o)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        meta = json.loads(z.read("metadata.json"))
        pdf = z.read(f"van-ban/{meta['file']['name']}")
    first, second = mangle(meta, pdf)
    if second is not None:
        first = _zip(
            {
                "metadata.json": json.dumps(first).encode(),
                f"van-ban/{meta['file']['name']}": second,
            }
        )
    before = (Arrival.objects.count(), Document.objects.count())
    with pytest.raises(RuleViolation) as refused:
        services.import_package(None, w.district, first)
    assert message in " ".join(refused.value.messages)
    assert (Arrival.objects.count(), Document.objects.count()) == before


SETUP_B = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from luutru.testing import build_world
build_world()
"""

READ_B = """
import django, hashlib, json
django.setup()
from luutru.desk.models import Arrival
from luutru.storage.services import open_blob
a = Arrival.objects.select_related("document", "org").get()
d = a.document
with open_blob(d.blob) as f:
    stored = hashlib.sha256(f.read()).hexdigest()
print(json.dumps({"org": a.org.code, "number": a.arrival_number, "channel": a.channel,
                  "symbol": d.symbol_display, "subject": d.subject, "organ": d.organ_name,
                  "direction": d.direction, "sha256": stored, "type": d.type_name}))
"""


def test_two_installations_exchange_a_document_by_package(net, tmp_path):
    """Installation A (this test's database and blob store) issues a document to a
    body outside it; installation B (its own data folder and SQLite database, run
    as the ``luutru`` command) imports the package into its district committee."""
    w = net
    o = issued(w).outgoing
    package = tmp_path / "goi.zip"
    call_command("exchange", "export", str(o.pk), "--out", str(package), stdout=io.StringIO())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "luutru.settings",
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "LUUTRU_DATA": str(tmp_path / "b-data"),
        "LUUTRU_BLOBS": str(tmp_path / "b-blobs"),
        "LUUTRU_INDEX": str(tmp_path / "b-index"),
    }
    env.pop("DATABASE_URL", None)
    (tmp_path / "b-data").mkdir()

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run("-c", SETUP_B)
    said = run("-m", "luutru.cli", "exchange", "import", str(package), "--org", "HU1")
    assert "Đã vào sổ đến của Huyện ủy Thử nghiệm: số đến 1" in said
    got = json.loads(run("-c", READ_B))
    assert got == {
        "org": "HU1",
        "number": 1,
        "channel": "electronic",
        "symbol": "01-CV/VPTU",
        "subject": o.subject,
        "organ": "Văn phòng Tỉnh ủy",
        "direction": "incoming",
        "sha256": o.document.blob_id,
        "type": "Công văn",
    }
