"""Tesseract kept loaded (``capture.tesseract``): one child process a worker, read
again and again; a page past its time or one that ends the child fails alone."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from luutru.capture import ocr, tesseract
from luutru.capture.tests.files import make_party_letter, scan_of

pytestmark = pytest.mark.skipif(
    not ocr.available() or tesseract.datapath() is None, reason="Tesseract (vie) not installed"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("trang") / "trang-1.png"
    path.write_bytes(scan_of(make_party_letter(number="25-NQ/TU", subject="về công tác văn thư")))
    return path


def _text(base: Path) -> str:
    return base.with_suffix(".txt").read_text(encoding="utf-8")


def _child() -> tesseract._Child:
    child = tesseract._engine()
    assert child is not None, (
        "libtesseract (Debian's libtesseract5) must be found: the kept engine must be there"
    )
    return child


def test_one_child_reads_page_after_page_with_every_renderer(page, tmp_path):
    child = _child()
    for n in (1, 2):
        base = tmp_path / f"ra-{n}"
        tesseract.read(page, base, ("txt", "pdf", "tsv"), dpi=200, seconds=60)
        assert "25-NQ/TU" in _text(base)
        assert base.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
        assert "25-NQ/TU" in base.with_suffix(".tsv").read_text(encoding="utf-8")
        assert child.proc is not None
        if n == 1:
            first = child.proc.pid
    assert child.proc.pid == first  # the model stayed loaded: no second process
    # Each request sets its own renderers: text alone now writes no PDF.
    tesseract.read(page, tmp_path / "chu", ("txt",), dpi=200, seconds=60)
    assert not (tmp_path / "chu.pdf").exists() and "25-NQ/TU" in _text(tmp_path / "chu")


def test_the_kept_engine_reads_as_the_command_does(page, tmp_path, monkeypatch):
    tesseract.read(page, tmp_path / "giu", ("txt",), dpi=200, seconds=60)
    monkeypatch.setenv(tesseract.ENGINE_ENV, "cli")
    assert tesseract._engine() is None
    tesseract.read(page, tmp_path / "lenh", ("txt",), dpi=200, seconds=60)
    assert _text(tmp_path / "giu") == _text(tmp_path / "lenh")


def test_a_page_past_its_time_is_stopped_and_the_next_is_read(page, tmp_path):
    child = _child()
    tesseract.read(page, tmp_path / "truoc", ("txt",), dpi=200, seconds=60)
    assert child.proc is not None
    before = child.proc
    with pytest.raises(tesseract.TimedOut):
        tesseract.read(page, tmp_path / "lau", ("txt",), dpi=200, seconds=0.01)
    assert before.poll() is not None  # killed: nothing runs on in the background
    tesseract.read(page, tmp_path / "sau", ("txt",), dpi=200, seconds=60)
    assert "25-NQ/TU" in _text(tmp_path / "sau")


def test_a_child_gone_between_pages_is_started_again(page, tmp_path):
    child = _child()
    tesseract.read(page, tmp_path / "truoc", ("txt",), dpi=200, seconds=60)
    assert child.proc is not None
    os.kill(child.proc.pid, signal.SIGKILL)
    child.proc.wait()
    tesseract.read(page, tmp_path / "sau", ("txt",), dpi=200, seconds=60)
    assert "25-NQ/TU" in _text(tmp_path / "sau")


def test_a_file_tesseract_cannot_read_fails_that_reading_only(page, tmp_path):
    child = _child()
    bad = tmp_path / "hong.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    with pytest.raises(tesseract.Failed):
        tesseract.read(bad, tmp_path / "hong", ("txt", "pdf"), dpi=200, seconds=60)
    assert child.proc is not None
    kept = child.proc.pid
    tesseract.read(page, tmp_path / "sau", ("txt",), dpi=200, seconds=60)
    assert child.proc.pid == kept and "25-NQ/TU" in _text(tmp_path / "sau")


def _pid_of_own_child(args: tuple[str, str]) -> int:
    source, base = args
    tesseract.read(Path(source), Path(base), ("txt",), dpi=200, seconds=60)
    child = tesseract._CHILDREN[os.getpid()]
    assert child.proc is not None
    return child.proc.pid


def test_a_forked_worker_starts_its_own_child(page, tmp_path):
    mine = _pid_of_own_child((str(page), str(tmp_path / "cha")))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        theirs = pool.map(_pid_of_own_child, [(str(page), str(tmp_path / "con"))])[0]
    assert theirs != mine
    assert "25-NQ/TU" in _text(tmp_path / "con")


def test_without_library_or_command_the_reading_says_tesseract_is_missing(
    page, tmp_path, monkeypatch
):
    monkeypatch.setenv(tesseract.ENGINE_ENV, "cli")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(tesseract.Missing):
        tesseract.read(page, tmp_path / "khong", ("txt",), dpi=200, seconds=60)
    with pytest.raises(ocr.OcrError, match="chưa cài Tesseract"):
        ocr._tesseract([ocr._Page(page, 200)], tmp_path / "khong")


def test_a_library_that_cannot_start_leaves_the_reading_to_the_command(page, tmp_path, monkeypatch):
    # No model where the child looks: it ends before its first answer.
    lame = tesseract._Child(tesseract._library_name() or "", str(tmp_path))
    monkeypatch.setattr(tesseract, "_CHILDREN", {os.getpid(): lame})
    monkeypatch.setattr(tesseract, "_BROKEN", set())
    tesseract.read(page, tmp_path / "ra", ("txt",), dpi=200, seconds=60)
    assert "25-NQ/TU" in _text(tmp_path / "ra")
    assert tesseract._engine() is None  # the command from now on, in this process


def test_ctrl_c_at_the_terminal_does_not_stop_the_page_under_tesseract(page, tmp_path):
    child = _child()
    tesseract.read(page, tmp_path / "truoc", ("txt",), dpi=200, seconds=60)
    assert child.proc is not None
    kept = child.proc.pid
    assert os.getsid(kept) != os.getsid(0)  # the terminal's Ctrl-C goes to its group only
    os.kill(kept, signal.SIGINT)  # and sent to it all the same, it is ignored
    tesseract.read(page, tmp_path / "sau", ("txt",), dpi=200, seconds=60)
    assert child.proc.pid == kept and "25-NQ/TU" in _text(tmp_path / "sau")
