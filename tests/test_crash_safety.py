"""Crash safety, bounded (issue 8 "Done when"): ``luutru import``, ``import
--background``, ``luutru worker`` and ``luutru reindex`` are killed with SIGKILL
at 25 seeded random moments, as real subprocesses on a temporary data folder
and SQLite file; then nothing is lost, duplicated or stuck, no orphan or
leftover file remains after ``luutru fixity --clean``, and search answered
throughout. The full version with a table: ``bench/crash/run.py``."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[1] / "bench" / "crash" / "harness.py"


def _harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_sigkill_at_25_random_moments_loses_duplicates_and_leaves_nothing(tmp_path):
    h = _harness()
    config = h.Config(
        seed=int(os.environ.get("LUUTRU_CRASH_SEED", "8")),
        import_files=40,
        background_files=24,
        extra_documents=400,
        scans=1,
        import_kills=8,
        background_kills=3,
        worker_kills=7,
        reindex_kills=7,
    )
    result = h.Harness(tmp_path, config).run_all()
    report = h.table(result)
    assert len(result.kills) >= 25, report
    # Most kills land while the process works (a few may find it finished).
    assert result.landed >= 20, report
    assert result.problems() == dict.fromkeys(result.problems(), 0), report
    assert "Đã dọn:" in result.cleaned, report
    left = "0 tệp không có bản ghi, 0 bản ghi không còn được dùng, 0 tệp tạm bỏ dở."
    assert left in result.fixity and "Mọi tệp đều nguyên vẹn." in result.fixity, report
