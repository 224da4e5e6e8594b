"""A step added to capture's chain from a test app, by configuration only (issue 9
"Done when"): ``CAPTURE_STEPS`` names it, a real ``luutru import`` runs it, its
progress shows on the batch page and in the API while it runs, and every item
reaches its end state. A step that breaks, or refuses a file with its own reason,
fails that item visibly in Vietnamese while the others of the batch go on."""

from __future__ import annotations

import io

import pytest
from capture_step_app import steps as app_steps
from django.core.management import call_command

from luutru.access.api_auth import issue_token
from luutru.capture.chain import DEFAULT_STEPS
from luutru.capture.models import ImportBatch, ItemState, Step
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.testing import PASSWORD

APP = "capture_step_app.steps"


@pytest.fixture
def seen():
    app_steps.SEEN.clear()
    yield app_steps.SEEN
    app_steps.SEEN.clear()
    app_steps.observe = None


def _import(folder, org) -> tuple[ImportBatch, str]:
    out = io.StringIO()
    call_command("import", str(folder), org=org.code, jobs=1, stdout=out)
    return ImportBatch.objects.get(key=f"import:{folder.resolve()}"), out.getvalue()


def test_a_configured_step_runs_reports_progress_and_the_items_end(
    world, settings, tmp_path, client, seen
):
    settings.CAPTURE_STEPS = [*DEFAULT_STEPS, f"{APP}.MarkReviewed"]
    folder = tmp_path / "bo"
    folder.mkdir()
    (folder / "nq1.pdf").write_bytes(make_party_letter(number="1-NQ/TU"))
    (folder / "nq2.pdf").write_bytes(make_party_letter(number="2-NQ/TU"))
    assert client.login(username=world.clerk.username, password=PASSWORD)
    token = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.clerk)}"}
    pages: list[tuple[str, dict]] = []

    def look(item_pk: int) -> None:
        batch = ImportBatch.objects.get(items__pk=item_pk)
        html = client.get(f"/nhap-tai-lieu/dot/{batch.pk}/", HTTP_HX_REQUEST="true")
        api = client.get(f"/api/capture/batches/{batch.pk}", **token).json()
        pages.append((html.content.decode(), next(i for i in api["items"] if i["id"] == item_pk)))

    app_steps.observe = look
    batch, said = _import(folder, world.office)

    # It ran on each file, after the built-in steps (the document was registered),
    # set up and cleaned up around its run.
    once = ["setup", "row", "reported", "cleanup"]
    assert [e for s, e, _ in seen if s == "test_mark"] == once * 2
    rows = [d for s, e, d in seen if e == "row"]
    assert all(state == ItemState.RUNNING and step == "test_mark" for state, step, _, _ in rows)
    assert all(progress == 93 and document for _, _, progress, document in rows)
    assert [d for s, e, d in seen if e == "reported"] == [97, 97]
    # While it ran, the batch page and the API showed it as the item's step.
    assert len(pages) == 2
    for html, item in pages:
        assert "Đánh dấu thử nghiệm" in html and "Đang xử lý" in html
        assert item["step"] == "test_mark" and item["state"] == ItemState.RUNNING
        assert item["step_label"] == "Đánh dấu thử nghiệm" and item["progress"] == 93
    # Every item reached its end state, with what the step did, and the batch ended.
    batch.refresh_from_db()
    assert batch.finished_at is not None
    for item in batch.items.all():
        assert item.state == ItemState.DONE, item.reason
        assert item.step == Step.END and item.progress == 100
        assert app_steps.MARK_NOTE in item.notes
        assert item.document_id is not None
    assert "2 tệp" in said or "2/2" in said, said


def test_a_step_that_breaks_fails_its_item_in_vietnamese_and_the_batch_goes_on(
    world, settings, tmp_path, seen
):
    chain = list(DEFAULT_STEPS)
    after_header = chain.index("luutru.capture.builtin_steps.ReadHeader") + 1
    chain[after_header:after_header] = [f"{APP}.Breaks", f"{APP}.Refuses"]
    settings.CAPTURE_STEPS = [*chain, f"{APP}.MarkReviewed"]
    folder = tmp_path / "bo"
    folder.mkdir()
    (folder / "hong.pdf").write_bytes(make_party_letter(number="3-NQ/TU"))
    (folder / "tu-choi.pdf").write_bytes(make_party_letter(number="4-NQ/TU"))
    (folder / "tot.pdf").write_bytes(make_party_letter(number="5-NQ/TU"))

    batch, _ = _import(folder, world.office)

    items = {i.name: i for i in batch.items.all()}
    broken = items["hong.pdf"]
    assert broken.state == ItemState.FAILED
    assert broken.reason.startswith("Lỗi ở bước “Bước thử nghiệm bị lỗi”: RuntimeError.")
    assert "báo quản trị viên" in broken.reason
    assert broken.get_step_display() == "Bước thử nghiệm bị lỗi"
    assert broken.document_id is None and broken.errors == 1
    refused = items["tu-choi.pdf"]
    assert refused.state == ItemState.FAILED
    assert refused.reason == "Bước thử nghiệm không nhận tệp này: hãy đổi tên tệp rồi nhập lại."
    assert refused.document_id is None and refused.errors == 0
    # The broken step was cleaned up; the later steps did not run for those files.
    assert ("test_breaks", "cleanup", "hong.pdf") in seen
    assert {d for s, e, d in seen if s == "test_mark" and e == "setup"} == {"tot.pdf"}
    # The other file went on to the end, and the batch ended.
    good = items["tot.pdf"]
    assert good.state == ItemState.DONE, good.reason
    assert good.document.symbol_display == "5-NQ/TU"
    batch.refresh_from_db()
    assert batch.finished_at is not None


def test_a_mistyped_step_fails_each_item_visibly_and_the_batch_still_ends(world, settings):
    settings.CAPTURE_STEPS = [*DEFAULT_STEPS, f"{APP}.NoSuchStep"]
    batch = capture(world.office, {"nq.pdf": make_party_letter(number="6-NQ/TU")})
    item = batch.items.get()
    assert item.state == ItemState.FAILED
    assert item.reason.startswith("Lỗi ở bước “Lấy nội dung chữ”: ImportError."), item.reason
    assert item.document_id is None
    assert batch.finished_at is not None
