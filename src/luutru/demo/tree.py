"""The demo province's organization tree, and its 2025 reorganization.

Counts follow the report in ``shared/seed``: 14 district-level committees,
125 commune-level Party organizations, 508 grassroots Party organizations and
6 provincial socio-political organizations. The report splits the 508 as
256 grassroots Party committees + 352 cells, which adds up to 608; the demo
keeps the 508 total and the 256 committees, and so has 252 cells.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from luutru.demo import names
from luutru.orgs.models import FondsSystem, Kind, Level, Organization, Term, Unit
from luutru.orgs.services import create_org, dissolve_org, reattach_org

DISTRICT_COUNT = 14
COMMUNE_COUNT = 125
GRASSROOTS_COMMITTEES = 256
GRASSROOTS_CELLS = 252  # the report's 352 contradicts its own total of 508
GRASSROOTS_COUNT = GRASSROOTS_COMMITTEES + GRASSROOTS_CELLS
SOCIO_POLITICAL_COUNT = 6
BRANCHES_PER_SOCIO = 3

FOUNDED = dt.date(2015, 1, 1)
LAST_DAY_OF_DISTRICTS = dt.date(2025, 6, 30)
REATTACH_DAY = dt.date(2025, 7, 1)
REORG_DECISION = "Quyết định số 1234-QĐ/TW ngày 20/6/2025 của Ban Bí thư (giả định, dữ liệu mẫu)"

TERMS = [
    ("Nhiệm kỳ 2015–2020", 2015, 2020),
    ("Nhiệm kỳ 2020–2025", 2020, 2025),
    ("Nhiệm kỳ 2025–2030", 2025, 2030),
]

TU_BODIES = [
    # (code, name, short name, issuer abbreviation, units)
    (
        "VPTU",
        "Văn phòng Tỉnh ủy",
        "Văn phòng",
        "VPTU",
        [
            ("Phòng Tổng hợp", "TH"),
            ("Phòng Hành chính - Lưu trữ", "HCLT"),
            ("Phòng Quản trị - Tài vụ", "QTTV"),
        ],
    ),
    (
        "BTCTU",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tổ chức",
        "BTCTU",
        [
            ("Phòng Tổ chức đảng - đảng viên", "TCĐ"),
            ("Phòng Cán bộ", "CB"),
            ("Phòng Bảo vệ chính trị nội bộ", "BVCT"),
        ],
    ),
    (
        "UBKTTU",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Ủy ban Kiểm tra",
        "UBKTTU",
        [("Phòng Kiểm tra 1", "KT1"), ("Phòng Kiểm tra 2", "KT2"), ("Phòng Tổng hợp", "TH")],
    ),
    (
        "BTGTU",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ban Tuyên giáo",
        "BTGTU",
        [("Phòng Tuyên truyền", "TT"), ("Phòng Lý luận chính trị - Lịch sử Đảng", "LLCT")],
    ),
]


@dataclass
class Tree:
    province: Organization
    bodies: dict[str, Organization]  # VPTU, BTCTU, UBKTTU, BTGTU
    districts: list[Organization] = field(default_factory=list)
    communes: list[Organization] = field(default_factory=list)
    grassroots: list[Organization] = field(default_factory=list)
    socio: list[Organization] = field(default_factory=list)
    branches: list[Organization] = field(default_factory=list)
    # district code → its communes / grassroots directly under it (before 01/7/2025)
    communes_of: dict[str, list[Organization]] = field(default_factory=dict)
    direct_grassroots_of: dict[str, list[Organization]] = field(default_factory=dict)

    @property
    def office(self) -> Organization:
        return self.bodies["VPTU"]

    def by_code(self, code: str) -> Organization:
        return Organization.objects.get(code=code)


def _organ_id(prefix: str, a: int, b: int, c: int) -> str:
    """13 characters, e.g. "T47.03.12.005" (Party OrganIds are not published: invented)."""
    return f"{prefix}.{a:02d}.{b:02d}.{c:03d}"


class _Builder:
    def __init__(self, actor, rng: random.Random, namer: names.Namer):
        self.actor, self.rng, self.namer = actor, rng, namer
        self.terms: list[Term] = []

    def org(self, **kw) -> Organization:
        kw.setdefault("valid_from", FOUNDED)
        kw["fonds_code"] = f"P{kw['code'].replace('.', '')}"[:20]
        return create_org(self.actor, **kw)

    def add_terms(self, org: Organization, first_day: tuple[int, int], upto: int = 2030) -> None:
        month, day = first_day
        for label, start, end in TERMS:
            if start >= upto:
                break
            self.terms.append(
                Term(
                    org=org,
                    name=label,
                    start=dt.date(start, month, day),
                    end=dt.date(end, month, day) - dt.timedelta(days=1) if end < 2030 else None,
                )
            )


def build_tree(actor, rng: random.Random, namer: names.Namer) -> Tree:
    """Create the whole province (about 700 bodies), each with its open fonds."""
    b = _Builder(actor, rng, namer)
    place = names.CAPITAL
    province = b.org(
        code="TU",
        name=f"Tỉnh ủy {names.PROVINCE}",
        short_name="Tỉnh ủy",
        kind=Kind.PARTY_COMMITTEE,
        level=Level.PROVINCE,
        parent=None,
        issuer_abbrev="TU",
        place=place,
        organ_id=_organ_id("T47", 0, 0, 0),
    )
    b.add_terms(province, (10, 16))
    bodies: dict[str, Organization] = {}
    units: list[Unit] = []
    for n, (code, name, short, abbrev, unit_specs) in enumerate(TU_BODIES, start=1):
        bodies[code] = b.org(
            code=code,
            name=name,
            short_name=short,
            kind=Kind.ADVISORY_BODY,
            level=Level.PROVINCE,
            parent=province,
            issuer_abbrev=abbrev,
            place=place,
            organ_id=_organ_id("T47", 0, n, 0),
        )
        units += [Unit(org=bodies[code], name=u, abbrev=a) for u, a in unit_specs]
    # The Văn phòng's "Hành chính - Lưu trữ" division is the current archive of
    # the Tỉnh ủy and of its advisory bodies (DOMAIN.md §1).
    office = bodies["VPTU"]
    Organization.objects.filter(
        pk__in=[province.pk, *[o.pk for o in bodies.values() if o != office]]
    ).update(archive_org=office)
    province.refresh_from_db()
    for o in bodies.values():
        o.refresh_from_db()
    Unit.objects.bulk_create(units)

    tree = Tree(province=province, bodies=bodies)
    territorial = [d for d in names.DISTRICTS if not d[0].startswith("Đảng ủy")]
    # Spread the 125 communes over the territorial districts, unevenly but
    # deterministically; the Party committees of blocs have none.
    shares = _spread(COMMUNE_COUNT, len(territorial), rng, low=8)
    kinds = [Kind.GRASSROOTS_COMMITTEE] * GRASSROOTS_COMMITTEES + [
        Kind.GRASSROOTS_CELL
    ] * GRASSROOTS_CELLS
    rng.shuffle(kinds)
    # Grassroots: about three per commune, the rest directly under the districts.
    per_commune = [2 + (rng.random() < 0.6) for _ in range(COMMUNE_COUNT)]
    direct_total = GRASSROOTS_COUNT - sum(per_commune)
    direct_shares = _spread(direct_total, DISTRICT_COUNT, rng, low=3)
    kind_iter = iter(kinds)
    commune_no = 0
    for i, (title, abbrev, dplace) in enumerate(names.DISTRICTS, start=1):
        dcode = f"D{i:02d}"
        if title.startswith("Đảng ủy"):
            dname, short = title, title.replace(" tỉnh", "")
        else:
            dname, short = f"{title} {dplace}", title
        district = b.org(
            code=dcode,
            name=dname,
            short_name=short,
            kind=Kind.DISTRICT_COMMITTEE,
            level=Level.DISTRICT,
            parent=province,
            issuer_abbrev=abbrev,
            place=dplace,
            organ_id=_organ_id("T47", i, 0, 0),
        )
        b.add_terms(district, (8, 1), upto=2025)
        tree.districts.append(district)
        tree.communes_of[dcode] = []
        tree.direct_grassroots_of[dcode] = []
        n_communes = (
            shares[territorial.index((title, abbrev, dplace))]
            if not title.startswith("Đảng ủy")
            else 0
        )
        for j in range(1, n_communes + 1):
            cplace = namer.place()
            prefix = (
                "phường" if title in ("Thành ủy", "Thị ủy") else ("thị trấn" if j == 1 else "xã")
            )
            commune = b.org(
                code=f"{dcode}.X{j:02d}",
                name=f"Đảng bộ {prefix} {cplace}",
                short_name=f"Đảng ủy {prefix}",
                kind=Kind.COMMUNE_PARTY,
                level=Level.COMMUNE,
                parent=district,
                issuer_abbrev="ĐU",
                place=cplace,
                organ_id=_organ_id("T47", i, j, 0),
            )
            b.add_terms(commune, (6, 1))
            tree.communes.append(commune)
            tree.communes_of[dcode].append(commune)
            for k in range(1, per_commune[commune_no] + 1):
                tree.grassroots.append(
                    _grassroots(
                        b,
                        commune,
                        f"{commune.code}.C{k}",
                        next(kind_iter),
                        names.GRASSROOTS_UNDER_COMMUNE,
                        (i, j, k),
                    )
                )
            commune_no += 1
        for k in range(1, direct_shares[i - 1] + 1):
            g = _grassroots(
                b,
                district,
                f"{dcode}.C{k:02d}",
                next(kind_iter),
                names.GRASSROOTS_UNDER_BLOC,
                (i, 0, k),
            )
            tree.grassroots.append(g)
            tree.direct_grassroots_of[dcode].append(g)

    for n, (name, short, abbrev, code) in enumerate(names.SOCIO_POLITICAL, start=1):
        org = b.org(
            code=code,
            name=name.replace("tỉnh", f"tỉnh {names.PROVINCE}")
            if "Tỉnh đoàn" not in name
            else name,
            short_name=short,
            kind=Kind.SOCIO_POLITICAL,
            level=Level.PROVINCE,
            parent=province,
            fonds_system=FondsSystem.FRONT,
            issuer_abbrev=abbrev,
            place=place,
            organ_id=_organ_id("M47", n, 0, 0),
        )
        tree.socio.append(org)
        for k in range(1, BRANCHES_PER_SOCIO + 1):
            tree.branches.append(
                b.org(
                    code=f"{code}.CH{k:02d}",
                    name=names.BRANCH_PATTERNS[code].format(p=namer.place()),
                    kind=Kind.SOCIO_POLITICAL_BRANCH,
                    level=Level.GRASSROOTS,
                    parent=org,
                    fonds_system=FondsSystem.FRONT,
                    issuer_abbrev=abbrev,
                    place=place,
                    organ_id=_organ_id("M47", n, k, 0),
                )
            )
    Term.objects.bulk_create(b.terms)
    return tree


def _grassroots(
    b: _Builder,
    parent: Organization,
    code: str,
    kind: str,
    patterns: list[str],
    ids: tuple[int, int, int],
) -> Organization:
    pattern = b.rng.choice(patterns)
    if kind == Kind.GRASSROOTS_CELL:
        pattern = pattern.replace("Đảng bộ", "Chi bộ")
    else:
        pattern = pattern.replace("Chi bộ", "Đảng bộ")
    org = b.org(
        code=code,
        name=pattern.format(p=b.namer.place()),
        kind=kind,
        level=Level.GRASSROOTS,
        parent=parent,
        issuer_abbrev="ĐU" if kind == Kind.GRASSROOTS_COMMITTEE else "CB",
        place=parent.place,
        organ_id=_organ_id("T47", ids[0], ids[1], ids[2]),
    )
    b.add_terms(org, (4, 1))
    return org


def _spread(total: int, parts: int, rng: random.Random, *, low: int) -> list[int]:
    """Split ``total`` into ``parts`` shares of at least ``low``, deterministically uneven."""
    shares = [low] * parts
    for _ in range(total - low * parts):
        shares[rng.randrange(parts)] += 1
    return shares


def reorganize_2025(actor, tree: Tree) -> None:
    """The 2025 reorganization: the district level ends on 30/6/2025 (fonds
    closed, records kept); from 01/7/2025 the communes sit directly under the
    Tỉnh ủy; grassroots organizations under a commune follow it, those directly
    under a district move to one of its communes (or, for the Party committees
    of blocs, to the Tỉnh ủy)."""
    for district in tree.districts:
        communes = tree.communes_of[district.code]
        for commune in communes:
            reattach_org(actor, commune, tree.province, REATTACH_DAY, decision=REORG_DECISION)
        for n, g in enumerate(tree.direct_grassroots_of[district.code]):
            # The commune instances already carry their new path (reattach_org updates them).
            target = communes[n % len(communes)] if communes else tree.province
            reattach_org(actor, g, target, REATTACH_DAY, decision=REORG_DECISION)
        dissolve_org(
            actor, district, LAST_DAY_OF_DISTRICTS, successor=tree.province, decision=REORG_DECISION
        )
