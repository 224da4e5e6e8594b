"""Every model change has its migration: a clean checkout's database schema is the
models' (a choice or field added without a migration fails here, not in production)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration would be made
        pytest.fail(f"migrations missing (exit {exc.code}):\n{out.getvalue()}")
