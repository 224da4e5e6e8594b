"""The dossier's life as one state machine (DOMAIN §4): its states, the edges
between them, and the one function that moves a dossier along an edge.

Each edge is registered by the app that owns that stage: filing registers
closing and reopening; the archive registers submitting, returning, accepting
into holdings and keeping back in its ``ready()``; appraisal, transfer and
destruction will be new edges registered the same way, not edits here.
``transition`` is the only code that writes ``Dossier.status``: it checks the
edge, writes the status (and the fields the service changed with it), writes
the audit event and sends ``dossier_status_changed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.signals import dossier_status_changed

# The state a dossier is born in (``opened`` below announces it).
INITIAL = DossierStatus.OPEN
# Being formed by its official: documents may be added, removed, reordered.
BEING_FORMED = frozenset({DossierStatus.OPEN, DossierStatus.RETURNED})
# In an archive's holdings (the agency's or the historical one): what the access
# policy and search call "archived".
HELD = frozenset({DossierStatus.ARCHIVED, DossierStatus.TRANSFERRED})
# Its work is over (closed, and every state after): its closing papers must exist.
FINISHED = frozenset(DossierStatus) - BEING_FORMED


@dataclass(frozen=True)
class Edge:
    """One allowed move: from any of ``sources`` to ``target``, audited as ``action``."""

    name: str
    sources: frozenset[str]
    target: str
    action: str
    owner: str

    def allows(self, status: str) -> bool:
        return status in self.sources


_EDGES: dict[str, Edge] = {}


def register(name: str, *, sources: Iterable[str], target: str, action: str, owner: str) -> Edge:
    """Add an edge to the dossier's life (called from the owning app's ``ready()``)."""
    edge = Edge(name, frozenset(str(s) for s in sources), str(target), action, owner)
    known = _EDGES.get(name)
    if known is not None and known != edge:
        raise ImproperlyConfigured(f"Dossier edge {name!r} registered twice, differently.")
    _EDGES[name] = edge
    return edge


def edge(name: str) -> Edge:
    try:
        return _EDGES[name]
    except KeyError:
        raise ImproperlyConfigured(f"No dossier edge {name!r}: is its app installed?") from None


def edges() -> dict[str, Edge]:
    """Every registered edge by name (for the docs, the admin and the tests)."""
    return dict(_EDGES)


def allowed(name: str, dossier: Dossier) -> bool:
    """May ``dossier`` move along edge ``name`` from its current status?"""
    return edge(name).allows(dossier.status)


def opened(actor: User, dossier: Dossier) -> None:
    """Announce a dossier just created in the initial state (its service audits it)."""
    dossier_status_changed.send(
        sender=Dossier, dossier_ids=[dossier.pk], old=None, new=dossier.status, actor=actor
    )


def transition(
    actor: User,
    dossiers: Dossier | Iterable[Dossier],
    name: str,
    *,
    fields: Iterable[str] = (),
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Move locked ``dossiers`` along edge ``name``: save the status and the other
    ``fields`` the service set on them, audit each move (``before``/``after`` add to
    the status), and send one ``dossier_status_changed`` per previous status.

    The owning service checks its named preconditions first and explains them in
    Vietnamese; the check here guards the machine itself."""
    e = edge(name)
    batch = [dossiers] if isinstance(dossiers, Dossier) else list(dossiers)
    wrong = [d for d in batch if not e.allows(d.status)]
    if wrong:
        raise RuleViolation(
            *(
                f"Hồ sơ {d.file_notation} đang ở trạng thái “{d.get_status_display()}”: "
                f"không chuyển sang “{DossierStatus(e.target).label}” được."
                for d in wrong
            )
        )
    update_fields = list(dict.fromkeys(["status", *fields, "updated_at"]))
    moved: dict[str, list[int]] = {}
    for d in batch:
        old = d.status
        d.status = e.target
        d.save(update_fields=update_fields)
        record(
            actor,
            e.action,
            d,
            before={**(before or {}), "status": old},
            after={**(after or {}), "status": e.target},
        )
        moved.setdefault(old, []).append(d.pk)
    for old, ids in moved.items():
        dossier_status_changed.send(
            sender=Dossier, dossier_ids=ids, old=old, new=e.target, actor=actor
        )


def register_filing_edges() -> None:
    """Filing's own edges: the official closes and reopens the dossier being formed."""
    register(
        "close",
        sources=BEING_FORMED,
        target=DossierStatus.CLOSED,
        action="dossier.close",
        owner="filing",
    )
    register(
        "reopen",
        sources={DossierStatus.CLOSED, DossierStatus.RETURNED},
        target=DossierStatus.OPEN,
        action="dossier.reopen",
        owner="filing",
    )
