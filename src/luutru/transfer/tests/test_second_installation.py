"""Issue 14, "Done when": a transfer package built here is imported by a second
installation (its own data folder and SQLite database, in a subprocess running
``luutru``), checked and accepted there; its answer, brought back, moves custody
here. A copy with one altered byte is refused there, naming the file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from luutru.filing.models import DossierStatus
from luutru.transfer import services
from luutru.transfer import xml as x
from luutru.transfer.models import Transfer

SRC = str(Path(__file__).resolve().parents[3])

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from luutru.testing import build_world
build_world()
"""


class Installation:
    def __init__(self, root: Path):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "luutru.settings",
            "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "LUUTRU_DATA": str(root / "data"),
            "LUUTRU_BLOBS": str(root / "blobs"),
            "LUUTRU_INDEX": str(root / "index"),
        }
        self.env.pop("DATABASE_URL", None)
        (root / "data").mkdir(parents=True)

    def run(self, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "luutru.cli", *args]
        return subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=600)


def test_a_second_installation_imports_checks_and_accepts(world, due, tmp_path):
    t = services.build_transfer(world.archivist, world.office)
    package = services.package_path(t)
    tampered = tmp_path / "hong" / t.package_id
    shutil.copytree(package, tampered)
    victim = sorted((tampered / "data" / x.REP_DATA).rglob("*.pdf"))[-1]
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0x20
    victim.write_bytes(bytes(data))

    other = Installation(tmp_path / "kho-luu-tru-lich-su")
    done = other.run(code=SETUP)
    assert done.returncode == 0, done.stderr[-3000:]

    # The altered copy is refused there, naming the file; nothing is kept.
    bad = other.run("transfer", "import", str(tampered), "--user", "luutru")
    assert bad.returncode == 2, bad.stdout + bad.stderr
    assert victim.relative_to(tampered).as_posix() in bad.stdout
    assert "bị thay đổi" in bad.stdout

    # The intact package is checked and accepted, one dossier refused with a reason.
    answer_file = tmp_path / "tra-loi.json"
    good = other.run(
        "transfer",
        "import",
        str(package),
        "--user",
        "luutru",
        "--accept",
        "--refuse",
        "2=Thiếu biên bản hội nghị",
        "--answer",
        str(answer_file),
    )
    assert good.returncode == 0, good.stdout + good.stderr
    answer = json.loads(answer_file.read_text())
    assert [d["outcome"] for d in answer["dossiers"]] == ["accepted", "refused"]
    # The second installation keeps the files in its own blob store.
    stored = list((tmp_path / "kho-luu-tru-lich-su" / "blobs").rglob("*"))
    assert sum(1 for p in stored if p.is_file() and len(p.name) == 64) == t.file_count

    # Custody moves here only now, and only for the accepted dossier.
    for d in due:
        d.refresh_from_db()
        assert d.status == DossierStatus.ARCHIVED
    services.apply_answer(world.archivist, services.parse_answer(answer_file.read_bytes()))
    a, b = due
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (DossierStatus.TRANSFERRED, DossierStatus.ARCHIVED)
    t.refresh_from_db()
    assert t.status == Transfer.Status.PARTLY
    assert t.items.get(dossier=b).reasons == ["Thiếu biên bản hội nghị"]
