"""The compliance figure of handling: documents handled on time and late, overdue
now and handled but never filed, per unit and per person; only what the viewer
may see; its page for inspectors and heads."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.compliance.handling import handling_figures
from luutru.desk import services
from luutru.desk.models import Arrival
from luutru.orgs.models import Membership, Unit
from luutru.testing import PASSWORD

TODAY = timezone.localdate()


def _handled(world, arrive, lead, *, late=False, overdue=False, filed=True):
    a = services.route(world.clerk, arrive(), head=world.head)
    services.assign(world.head, a, lead=lead, deadline=TODAY + dt.timedelta(days=3))
    if overdue:
        Arrival.objects.filter(pk=a.pk).update(deadline=TODAY - dt.timedelta(days=1))
        return a
    if late:
        Arrival.objects.filter(pk=a.pk).update(deadline=TODAY - dt.timedelta(days=1))
    dossier = None
    if filed:
        n = Arrival.objects.count()
        dossier = make_dossier(
            world.office,
            lead,
            notation=f"{n:02d}.VP",
            title=f"Hồ sơ {n}",
            status="open",
            documents=0,
        )
    services.finish(lead, Arrival.objects.get(pk=a.pk), dossier=dossier)
    return a


def test_handling_figures_per_unit_and_person(world, arrive):
    unit = Unit.objects.create(org=world.office, name="Phòng Tổng hợp")
    Membership.objects.filter(person=world.official.person).update(unit=unit)
    _handled(world, arrive, world.official)
    _handled(world, arrive, world.official, late=True)
    _handled(world, arrive, world.official2, overdue=True)
    _handled(world, arrive, world.official2, filed=False)
    arrive()  # registered, never assigned: not counted
    f = handling_figures(world.inspector, world.province)
    assert f.total.cells == [4, 2, 1, 1, 1]
    people = {r.label: r.cells for r in f.people}
    assert people["Nguyễn Văn An – Văn phòng Tỉnh ủy"] == [2, 1, 1, 0, 0]
    assert people["Trần Thị Bình – Văn phòng Tỉnh ủy"] == [2, 1, 0, 1, 1]
    units = {r.label: r.cells for r in f.units}
    assert units["Phòng Tổng hợp – Văn phòng Tỉnh ủy"] == [2, 1, 1, 0, 0]
    # Another body's subtree counts none of them; a reader sees none.
    assert handling_figures(world.inspector, world.district).total.cells == [0] * 5
    assert handling_figures(world.reader, world.province).total.cells == [0] * 5


def test_the_handling_page_for_inspectors_and_others(client, world, arrive):
    _handled(world, arrive, world.official, late=True)
    client.login(username="kiemtra", password=PASSWORD)
    page = client.get("/tuan-thu/giai-quyet-van-ban-den/")
    assert page.status_code == 200
    assert "Nguyễn Văn An – Văn phòng Tỉnh ủy" in page.content.decode()
    assert client.get("/tuan-thu/giai-quyet-van-ban-den/?nam=abc").status_code == 400
    assert client.get(f"/tuan-thu/giai-quyet-van-ban-den/?nam={TODAY.year}").status_code == 200
    client.login(username="canbo", password=PASSWORD)
    page = client.get("/tuan-thu/giai-quyet-van-ban-den/")
    assert page.status_code == 200 and "Nguyễn Văn An –" not in page.content.decode()
    assert (
        client.get(f"/tuan-thu/giai-quyet-van-ban-den/?to-chuc={world.province.pk}").status_code
        == 404
    )
