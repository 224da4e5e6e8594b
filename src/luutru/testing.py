"""Builders for tests and benchmarks: real rows through the real services."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from luutru.orgs.models import Kind, Level, Membership, Person, Role, Secrecy
from luutru.orgs.services import create_org

PASSWORD = "matkhau-thu-nghiem"


def make_user(username: str, org, role: str, *, clearance: int = Secrecy.NONE, full_name: str = ""):
    User = get_user_model()
    user = User.objects.create_user(username=username, password=PASSWORD)
    person = Person.objects.create(user=user, full_name=full_name or username, clearance=clearance)
    Membership.objects.create(person=person, org=org, role=role)
    return user


def build_world() -> SimpleNamespace:
    start = dt.date(2015, 1, 1)
    province = create_org(
        None,
        code="TU",
        name="Tỉnh ủy Thử nghiệm",
        kind=Kind.PARTY_COMMITTEE,
        level=Level.PROVINCE,
        parent=None,
        valid_from=start,
        issuer_abbrev="TU",
        place="Hạ Long",
        organ_id="000.00.00.T01",
    )
    office = create_org(
        None,
        code="VPTU",
        name="Văn phòng Tỉnh ủy",
        kind=Kind.ADVISORY_BODY,
        level=Level.PROVINCE,
        parent=province,
        valid_from=start,
        issuer_abbrev="VPTU",
        place="Hạ Long",
        organ_id="000.00.01.T01",
        archive_org=province,
    )
    board = create_org(
        None,
        code="BTCTU",
        name="Ban Tổ chức Tỉnh ủy",
        kind=Kind.ADVISORY_BODY,
        level=Level.PROVINCE,
        parent=province,
        valid_from=start,
        issuer_abbrev="BTCTU",
        place="Hạ Long",
        organ_id="000.00.02.T01",
        archive_org=province,
    )
    district = create_org(
        None,
        code="HU1",
        name="Huyện ủy Thử nghiệm",
        kind=Kind.DISTRICT_COMMITTEE,
        level=Level.DISTRICT,
        parent=province,
        valid_from=start,
        issuer_abbrev="HU",
        place="Thử nghiệm",
        organ_id="000.01.00.H01",
    )
    commune = create_org(
        None,
        code="X1",
        name="Đảng ủy xã Thử nghiệm",
        kind=Kind.COMMUNE_PARTY,
        level=Level.COMMUNE,
        parent=district,
        valid_from=start,
        issuer_abbrev="ĐU",
        place="Thử nghiệm",
        organ_id="000.01.01.X01",
    )
    w = SimpleNamespace(
        province=province, office=office, board=board, district=district, commune=commune
    )
    w.official = make_user("canbo", office, Role.OFFICIAL, full_name="Nguyễn Văn An")
    w.official2 = make_user("canbo2", office, Role.OFFICIAL, full_name="Trần Thị Bình")
    w.board_official = make_user("canbo_btc", board, Role.OFFICIAL, full_name="Lê Văn Cường")
    w.clerk = make_user("vanthu", office, Role.CLERK, full_name="Phạm Thị Dung")
    w.head = make_user(
        "lanhdao", office, Role.HEAD, clearance=Secrecy.TOI_MAT, full_name="Hoàng Văn Em"
    )
    w.archivist = make_user(
        "luutru", province, Role.ARCHIVIST, clearance=Secrecy.MAT, full_name="Vũ Thị Giang"
    )
    w.archivist2 = make_user(
        "luutru2", province, Role.ARCHIVIST, clearance=Secrecy.MAT, full_name="Đỗ Văn Hải"
    )
    w.inspector = make_user("kiemtra", province, Role.INSPECTOR, full_name="Bùi Thị Khánh")
    w.reader = make_user("docgia", province, Role.READER, full_name="Ngô Văn Long")
    w.admin = make_user("quantri", province, Role.ADMIN, full_name="Đinh Thị Mai")
    w.district_official = make_user("canbo_huyen", district, Role.OFFICIAL, full_name="Lý Văn Nam")
    return w


def task_worker(worker_id: str, *, queues: tuple[str, ...] = ("default",), max_tasks=None):
    """The database task worker as ``luutru worker`` configures it (no waiting, no
    start-up delay), for a test to run in its own thread: ``.run()`` until the
    queues are empty or ``max_tasks`` are done, or ``.run_task(row)`` one by one."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=list(queues),
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
