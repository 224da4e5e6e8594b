"""How the archive names dossiers, moments and people in its messages."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.utils import timezone

from luutru.filing.models import Dossier


def dossier_label(dossier: Dossier) -> str:
    """“Hồ sơ 01.VP “Title”” – used in messages to people who may see the dossier."""
    return f"Hồ sơ {dossier.file_notation} “{dossier.title}”"


def hidden_label(dossier_id: int) -> str:
    """What a message says of a dossier the reader may not see: its number only."""
    return f"Hồ sơ mã số {dossier_id}"


def natural_key(text: str) -> tuple[int | str, ...]:
    """Sort “2.VP” before “10.VP”."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text or ""))


def when_text(moment: dt.datetime | None) -> str:
    """“14:05 ngày 03/12/2026” in local time (“trước đó” when unknown)."""
    if moment is None:
        return "trước đó"
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def person_name(user: User | None) -> str:
    """The person's full name, else the account name."""
    if user is None:
        return "người khác"
    person = getattr(user, "person", None)
    return str(person.full_name) if person else user.get_username()
