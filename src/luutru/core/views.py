"""Home page: what this user should do next, by the roles they hold.

The shell sits to the right of every stage, so it may compose their queries;
it never changes anything itself.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from luutru.access.policy import roles_of, subject_for
from luutru.orgs.models import Membership, Role


def _my_orgs(user):
    person = getattr(user, "person", None)
    if person is None:
        return []
    today = timezone.localdate()
    return [
        m.org
        for m in Membership.objects.filter(person=person, valid_from__lte=today)
        .select_related("org")
        .order_by("org__path")
        if m.valid_to is None or m.valid_to >= today
    ]


def _add_upcoming(ctx: dict, user) -> None:
    """The “Sắp đến hạn” block: overdue and soon-due items of this user (deadlines app)."""
    from luutru.deadlines.queries import my_due, unread_count

    today = timezone.localdate()
    items = [i for i in my_due(user, today) if i.state(today) != "later"]
    ctx["upcoming"] = [(i, i.state(today), i.state_label(today)) for i in items[:10]]
    ctx["upcoming_total"] = len(items)
    ctx["unread_notifications"] = unread_count(user)


def _with_return_reasons(dossiers: list) -> list:
    """Each returned dossier with the archive's reason (``d.return_item``)."""
    from luutru.archive.queries import latest_return_reasons

    items = latest_return_reasons(d.pk for d in dossiers)
    for d in dossiers:
        d.return_item = items.get(d.pk)
    return dossiers


def home(request):
    from luutru.archive.queries import (
        deposits_awaiting_acceptance,
        dossiers_due_for_deposit,
        keep_backs_awaiting_decision,
        my_deposits,
    )
    from luutru.filing.models import DossierStatus
    from luutru.filing.queries import my_open_dossiers, plans_awaiting_approval
    from luutru.registry.queries import loose_documents

    user = request.user
    roles = roles_of(user)
    forming = list(my_open_dossiers(user).select_related("org", "retention")[:50])
    due = dossiers_due_for_deposit(user)
    ctx = {
        "roles": roles,
        "orgs": _my_orgs(user),
        "open_dossiers": [d for d in forming if d.status == DossierStatus.OPEN],
        "returned_dossiers": _with_return_reasons(
            [d for d in forming if d.status == DossierStatus.RETURNED]
        ),
        "due": [r for r in due if r.overdue or r.soon][:30],
        "due_total": len(due),
        "overdue_total": sum(1 for r in due if r.overdue),
        "my_deposits": list(my_deposits(user).filter(status__in=["draft", "returned"])[:10]),
        "is_head": Role.HEAD in roles,
        "plans_to_approve": list(plans_awaiting_approval(user).select_related("org")[:20])
        if Role.HEAD in roles
        else [],
        "keep_backs_to_decide": keep_backs_awaiting_decision(user) if Role.HEAD in roles else [],
        "is_archivist": Role.ARCHIVIST in roles,
        "deposits_to_accept": list(deposits_awaiting_acceptance(user).select_related("org")[:20])
        if Role.ARCHIVIST in roles
        else [],
        "is_clerk": Role.CLERK in roles,
        "is_inspector": Role.INSPECTOR in roles,
        "is_reader": Role.READER in roles,
        "is_admin": Role.ADMIN in roles or user.is_staff,
        "no_role": not subject_for(user).roles,
    }
    _add_upcoming(ctx, user)
    if ctx["is_clerk"]:
        clerk_orgs = [o for o in ctx["orgs"] if (o.pk, Role.CLERK) in subject_for(user).roles]
        ctx["loose"] = [(o, loose_documents(o).count()) for o in clerk_orgs]
    if ctx["is_inspector"]:
        from luutru.compliance.queries import overdue_counts

        inspected = [o for o in ctx["orgs"] if (o.pk, Role.INSPECTOR) in subject_for(user).roles]
        from luutru.orgs.models import Organization

        scope = Organization.objects.none()
        for o in inspected:
            scope |= Organization.objects.filter(path__startswith=o.path)
        ctx["inspected"] = inspected
        ctx["overdue_figures"] = overdue_counts(scope)
    return render(request, "core/home.html", ctx)
