"""The practice body of a province (issue 13, item 9): where new registry and
archive staff walk the whole cycle (register, file, close, deposit) on sample
records that count in no figure.

The body is flagged ``Organization.practice`` (made so only here) and sits at the
top of the tree, outside the province's own subtree: nobody of the province sees
its records through the access policy, and ``orgs.models.in_figures`` keeps it out
of the compliance facts, the statistics, the dashboards and the catalogue.
Administrators give the trainees roles in it like in any body.

``build_practice`` makes the body when it is missing and adds a fresh set of
sample records (a dossier with documents, documents waiting to be filed); it is
what ``luutru practice CODE`` runs, once for a new body or again for a new class.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from luutru.demo import content, names
from luutru.demo.catalogue import Doc
from luutru.demo.records import Records
from luutru.filing import services as filing
from luutru.filing.models import Dossier
from luutru.orgs.accounts import add_membership, create_person, create_user_account
from luutru.orgs.models import Kind, Organization, Person, Role
from luutru.orgs.services import create_org

PRACTICE_NAME = "Cơ quan thực hành"
TRAINER_NAME = "Người hướng dẫn thực hành"
TRAINER_ROLES = (Role.CLERK, Role.OFFICIAL, Role.HEAD, Role.ARCHIVIST)
# The sample set: a dossier of the body's own documents, and what arrives to be filed.
FILED = (
    Doc("KH", "self", "về công tác văn thư, lưu trữ năm {y}"),
    Doc("BC", "self", "sơ kết công tác văn thư, lưu trữ 6 tháng đầu năm {y}"),
    Doc("TB", "self", "kết luận của lãnh đạo về công tác lập hồ sơ năm {y}"),
)
ARRIVING = (
    Doc("CV", "VPTW", "V/v hướng dẫn lập hồ sơ và nộp lưu hồ sơ, tài liệu năm {y}"),
    Doc("HD", "VPTW", "về thực hiện thời hạn bảo quản hồ sơ, tài liệu năm {y}"),
)


@dataclass
class Practice:
    org: Organization
    created: bool
    trainer: Person
    dossier: Dossier
    documents: int


def practice_code(province: Organization) -> str:
    return f"TH-{province.code}"[:40]


def _trainer(org: Organization, province: Organization) -> Person:
    """The account the sample records are made by (no usable password: an
    administrator sets one, or gives the trainees their own roles)."""
    username = f"thuchanh.{province.code.lower()}"[:150]
    person = Person.objects.filter(user__username=username).first()
    if person is not None:
        return person
    User = get_user_model()
    user = User(username=username)
    user.set_unusable_password()
    create_user_account(None, user)
    person = create_person(None, full_name=TRAINER_NAME, position="Hướng dẫn viên", user=user)
    for role in TRAINER_ROLES:
        add_membership(None, person, org=org, role=role, valid_from=org.valid_from)
    return person


@transaction.atomic
def build_practice(province: Organization, *, seed: int = 2025) -> Practice:
    """Make ``province``'s practice body if missing, then add one set of sample records."""
    today = timezone.localdate()
    code = practice_code(province)
    org = Organization.objects.filter(code=code).first()
    created = org is None
    if org is None:
        org = create_org(
            None,
            code=code,
            name=f"{PRACTICE_NAME} – {province.name}",
            short_name=PRACTICE_NAME,
            kind=Kind.ADVISORY_BODY,
            level=province.level,
            parent=None,
            valid_from=dt.date(today.year - 1, 1, 1),
            fonds_system=province.fonds_system,
            issuer_abbrev="TH",
            place=province.place,
            practice=True,
        )
    person = _trainer(org, province)
    user = person.user
    assert user is not None  # the trainer always has an account (``_trainer``)
    rng = random.Random(seed + org.pk + Dossier.objects.filter(org=org).count())
    namer = names.Namer(rng)
    records = Records(rng, namer, {})
    records.add_issuer(
        code,
        content.issuer_for_org(
            org,
            TRAINER_NAME,
            superior=province.name.upper(),
            authority="TRƯỞNG PHÒNG",
            position="",
            name_caps=PRACTICE_NAME.upper(),
        ),
    )
    year = today.year if today >= dt.date(today.year, 3, 1) else today.year - 1
    days = records.dates(year, len(FILED) + len(ARRIVING), cap=today - dt.timedelta(days=1))
    start = days[0]
    n = Dossier.objects.filter(org=org).count() + 1
    dossier = filing.open_dossier(
        user,
        org,
        title=f"Hồ sơ mẫu số {n}: công tác văn thư, lưu trữ năm {year}",
        file_notation=f"TH.{n:02d}",
        retention=records.retention(org, None),
        creator=person,
        start_date=start,
        year=year,
    )
    made = 0
    for doc, day in zip(FILED, days, strict=False):
        records.upload(user, dossier, doc, day)
        made += 1
    for doc, day in zip(ARRIVING, days[len(FILED) :], strict=True):
        records.loose(user, org, doc, day)
        made += 1
    return Practice(org=org, created=created, trainer=person, dossier=dossier, documents=made)
