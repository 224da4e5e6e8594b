"""Home page: what this user should do next, by the roles they hold.

The shell sits to the right of every stage, so it may compose their queries;
it never changes anything itself.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from luutru.access.policy import roles_of, subject_for, visible_q
from luutru.archive.queries import (
    deposits_awaiting_acceptance,
    dossiers_due_for_deposit,
    keep_backs_awaiting_decision,
    latest_return_reasons,
    my_deposits,
)
from luutru.archive.services import may_deposit
from luutru.bundles.queries import waiting_count, waiting_documents
from luutru.compliance.queries import overdue_dossiers
from luutru.deadlines.queries import my_due, unread_count
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.queries import dossiers_visible_to, my_open_dossiers, plans_awaiting_approval
from luutru.filing.services import can_form_dossiers
from luutru.home.help import BY_SLUG, PAGES, PICTURE_DIR
from luutru.orgs.models import Membership, Organization, Role
from luutru.registry.queries import loose_documents


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


# Deposit deadlines have their own card (the body's dossiers, from the archive's
# query); the “Sắp đến hạn” card lists the user's other dated work, so that no
# dossier is counted twice on one page.
DEPOSIT_KINDS = ("deposit", "keep_back")
# Rows shown per card; a card that has more says how many it shows of how many.
SHOWN = 30


def _with_return_reasons(dossiers: list) -> list:
    """Each returned dossier with the archive's reason (``d.return_item``)."""
    items = latest_return_reasons(d.pk for d in dossiers)
    for d in dossiers:
        d.return_item = items.get(d.pk)
    return dossiers


def _upcoming(user, today, *, deposits_shown: bool) -> dict:
    """The user's own dated work (plans they answer for, fixes assigned to them, and
    their dossiers' deposits when no deposit card shows them), overdue or in notice."""
    items = [
        i
        for i in my_due(user, today)
        if i.state(today) != "later" and not (deposits_shown and i.kind in DEPOSIT_KINDS)
    ]
    return {
        "upcoming": [(i, i.state(today), i.state_label(today)) for i in items[:SHOWN]],
        "upcoming_total": len(items),
        "upcoming_overdue": sum(1 for i in items if i.state(today) == "overdue"),
        "unread_notifications": unread_count(user),
    }


def _deposit_card(user, depositor_orgs: list, today) -> dict:
    """Dossiers of the bodies the user deposits for, due or overdue: one list, and
    every figure of the card counted from it."""
    if not depositor_orgs:
        return {"deposit_card": False}
    rows = dossiers_due_for_deposit(
        user, today, dossiers=dossiers_visible_to(user).filter(org__in=depositor_orgs)
    )
    pressing = [r for r in rows if r.overdue or r.soon]
    return {
        "deposit_card": True,
        "due": pressing[:SHOWN],
        "due_total": len(pressing),
        "overdue_total": sum(1 for r in pressing if r.overdue),
        "later_total": len(rows) - len(pressing),
        "may_create_deposit": any(r.selectable for r in rows),
        "my_deposits": list(
            my_deposits(user).filter(org__in=depositor_orgs, status__in=["draft", "returned"])[:10]
        ),
    }


def _inspector_card(user, orgs: list, today) -> dict:
    """Overdue dossiers in the bodies the user inspects, from compliance's own list."""
    inspected = [o for o in orgs if (o.pk, Role.INSPECTOR) in subject_for(user).roles]
    scope = Organization.objects.none()
    for o in inspected:
        scope |= Organization.objects.filter(path__startswith=o.path)
    overdue = overdue_dossiers(scope, today)
    rows = overdue[:SHOWN]
    # The figure counts every overdue dossier; a row names only one the user may
    # open (an inspector's clearance may be below a dossier's secrecy).
    readable = set(
        Dossier.objects.filter(pk__in=[o.dossier.pk for o in rows])
        .filter(visible_q(user, object_type="dossier"))
        .values_list("pk", flat=True)
    )
    return {
        "inspected": inspected,
        "overdue_rows": rows,
        "overdue_readable": readable,
        "overdue_figures": {
            "dossiers": len(overdue),
            "organizations": len({o.dossier.org_id for o in overdue}),
        },
    }


def home(request):
    user = request.user
    today = timezone.localdate()
    roles = roles_of(user)
    orgs = _my_orgs(user)
    forming = list(my_open_dossiers(user).select_related("org", "retention")[:50])
    # Every suggestion on the page is one the services would let this user carry out.
    forming_orgs = [o for o in orgs if can_form_dossiers(user, o)]
    depositor_orgs = [o for o in orgs if may_deposit(user, o)]
    ctx = {
        "today": today,
        "roles": roles,
        "orgs": orgs,
        "can_form": bool(forming_orgs),
        "open_dossiers": [d for d in forming if d.status == DossierStatus.OPEN],
        "returned_dossiers": _with_return_reasons(
            [d for d in forming if d.status == DossierStatus.RETURNED]
        ),
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
    ctx.update(_deposit_card(user, depositor_orgs, today))
    ctx.update(_upcoming(user, today, deposits_shown=ctx["deposit_card"]))
    ctx["forming_card"] = ctx["can_form"] or bool(forming)
    # Lists that mix bodies name the body of each row.
    listed = {i.org.pk for i, _, _ in ctx["upcoming"]}
    listed |= {r.dossier.org_id for r in ctx.get("due", [])}
    listed |= {d.org_id for d in forming} | {k.dossier.org_id for k in ctx["keep_backs_to_decide"]}
    ctx["mixed_bodies"] = len(listed) > 1
    if ctx["can_form"]:
        # Issue 11: documents in no dossier, each with the dossiers suggested for it.
        ctx["waiting"] = waiting_documents(user, limit=5)
        ctx["waiting_total"] = waiting_count(user) if ctx["waiting"] else 0
    if ctx["is_clerk"]:
        clerk_orgs = [o for o in orgs if (o.pk, Role.CLERK) in subject_for(user).roles]
        ctx["loose"] = [(o, loose_documents(o).count()) for o in clerk_orgs]
    if ctx["is_inspector"]:
        ctx.update(_inspector_card(user, orgs, today))
    return render(request, "home/home.html", ctx)


def help_index(request):
    """Every help page, by task."""
    return render(request, "home/help_index.html", {"pages": PAGES})


def help_page(request, slug: str):
    """One task explained, with pictures of its screens."""
    page = BY_SLUG.get(slug)
    if page is None:
        raise Http404("Không có trang hướng dẫn này.")
    return render(request, "home/help_page.html", {"page": page, "picture_dir": PICTURE_DIR})
