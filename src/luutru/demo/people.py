"""Demo accounts: every role in a few bodies, one shared password."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission, User

from luutru.orgs.models import Membership, Organization, Person, Role, Secrecy, Unit

PASSWORD = "demo1234"

# Where each account sits: a key resolved against the tree (see ``org_for``).
PROVINCE, OFFICE, BOARD, INSPECTION, PROPAGANDA = "TU", "VPTU", "BTCTU", "UBKTTU", "BTGTU"
COMMUNE = "D03.X02"  # a commune of Huyện ủy Tân Lạc, under the Tỉnh ủy from 01/7/2025
DISTRICT = "D03"  # Huyện ủy Tân Lạc, dissolved on 30/6/2025
SOCIO = "HLHPN"  # Hội Liên hiệp Phụ nữ tỉnh


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    role: str
    org_code: str
    position: str
    clearance: int = Secrecy.NONE
    unit: str = ""  # unit abbreviation within the body
    female: bool = False


ACCOUNTS: list[Account] = [
    Account("quantri", "Đinh Thị Mai", Role.ADMIN, PROVINCE, "Chuyên viên công nghệ thông tin"),
    Account("luutru.tu", "Vũ Thị Giang", Role.ARCHIVIST, PROVINCE, "Lưu trữ viên", Secrecy.MAT),
    Account(
        "kiemtra.tu",
        "Bùi Quang Khải",
        Role.INSPECTOR,
        PROVINCE,
        "Chuyên viên kiểm tra công tác văn thư, lưu trữ",
    ),
    Account("docgia", "Ngô Văn Long", Role.READER, PROVINCE, "Nghiên cứu viên"),
    Account(
        "canbo.vp",
        "Nguyễn Văn An",
        Role.OFFICIAL,
        OFFICE,
        "Chuyên viên Phòng Tổng hợp",
        Secrecy.MAT,
        unit="TH",
    ),
    Account(
        "canbo2.vp",
        "Trần Thị Bình",
        Role.OFFICIAL,
        OFFICE,
        "Chuyên viên Phòng Hành chính - Lưu trữ",
        unit="HCLT",
    ),
    Account(
        "vanthu.vp",
        "Phạm Thị Dung",
        Role.CLERK,
        OFFICE,
        "Văn thư cơ quan",
        Secrecy.MAT,
        unit="HCLT",
    ),
    Account(
        "lanhdao.vp",
        "Hoàng Minh Đức",
        Role.HEAD,
        OFFICE,
        "Chánh Văn phòng Tỉnh ủy",
        Secrecy.TOI_MAT,
    ),
    Account(
        "canbo.btc",
        "Lê Văn Cường",
        Role.OFFICIAL,
        BOARD,
        "Chuyên viên Phòng Cán bộ",
        Secrecy.MAT,
        unit="CB",
    ),
    Account("vanthu.btc", "Lương Thị Hạnh", Role.CLERK, BOARD, "Văn thư", Secrecy.MAT),
    Account(
        "lanhdao.btc",
        "Trịnh Xuân Sơn",
        Role.HEAD,
        BOARD,
        "Trưởng Ban Tổ chức Tỉnh ủy",
        Secrecy.TOI_MAT,
    ),
    Account(
        "canbo.ubkt",
        "Đặng Thu Trang",
        Role.OFFICIAL,
        INSPECTION,
        "Kiểm tra viên",
        Secrecy.MAT,
        unit="KT1",
    ),
    Account(
        "lanhdao.ubkt",
        "Phan Đình Trung",
        Role.HEAD,
        INSPECTION,
        "Chủ nhiệm Ủy ban Kiểm tra",
        Secrecy.TOI_MAT,
    ),
    Account(
        "canbo.btg",
        "Mai Phương Thảo",
        Role.OFFICIAL,
        PROPAGANDA,
        "Chuyên viên Phòng Tuyên truyền",
        unit="TT",
    ),
    Account(
        "lanhdao.btg",
        "Dương Công Hiếu",
        Role.HEAD,
        PROPAGANDA,
        "Trưởng Ban Tuyên giáo Tỉnh ủy",
        Secrecy.MAT,
    ),
    Account("canbo.xa", "Hồ Thị Yến", Role.OFFICIAL, COMMUNE, "Văn phòng Đảng ủy xã"),
    Account("vanthu.xa", "Lý Văn Hùng", Role.CLERK, COMMUNE, "Văn thư Đảng ủy xã"),
    Account("lanhdao.xa", "Võ Quang Vinh", Role.HEAD, COMMUNE, "Bí thư Đảng ủy xã", Secrecy.MAT),
    Account("canbo.hpn", "Huỳnh Thị Oanh", Role.OFFICIAL, SOCIO, "Chuyên viên Văn phòng Hội"),
    Account(
        "lanhdao.hpn", "Nguyễn Thị Kim Ngân", Role.HEAD, SOCIO, "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"
    ),
    # The district's staff: their memberships end with the district on 30/6/2025,
    # and they carry on at the commune (see ``move_district_staff``).
    Account(
        "canbo.huyen", "Đỗ Văn Thắng", Role.OFFICIAL, DISTRICT, "Chuyên viên Văn phòng Huyện ủy"
    ),
    Account(
        "lanhdao.huyen",
        "Bùi Thị Thu Hà",
        Role.HEAD,
        DISTRICT,
        "Chánh Văn phòng Huyện ủy",
        Secrecy.MAT,
    ),
]

DISTRICT_STAFF_MOVE = {
    "canbo.huyen": (Role.OFFICIAL, COMMUNE),
    "lanhdao.huyen": (Role.HEAD, COMMUNE),
}

# The administrator manages bodies, users and rules in the Django admin; no record models.
ADMIN_APPS = ("auth", "orgs", "rules")


def create_users() -> dict[str, User]:
    """Create every demo login (no memberships yet: the bodies come next); username → user."""
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    # One hash for every account: hashing twenty-odd times would cost seconds.
    password = make_password(PASSWORD)
    users = {}
    for a in ACCOUNTS:
        user = User(
            username=a.username,
            first_name=a.full_name.split()[-1],
            last_name=" ".join(a.full_name.split()[:-1]),
        )
        user.password = password
        user.is_staff = a.role == Role.ADMIN
        user.save()
        if user.is_staff:
            user.user_permissions.set(
                Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
            )
        Person.objects.create(
            user=user, full_name=a.full_name, position=a.position, clearance=a.clearance
        )
        users[a.username] = user
    return users


def add_memberships(orgs: dict[str, Organization]) -> None:
    """Give each demo person their role in their body (and unit)."""
    units = {(u.org_id, u.abbrev): u for u in Unit.objects.filter(org__in=list(orgs.values()))}
    for a in ACCOUNTS:
        org = orgs[a.org_code]
        person = Person.objects.get(user__username=a.username)
        Membership.objects.create(
            person=person,
            org=org,
            role=a.role,
            unit=units.get((org.pk, a.unit)),
            valid_from=dt.date(2015, 1, 1),
        )


def move_district_staff(orgs: dict[str, Organization], last_day: dt.date) -> None:
    """End the district memberships on ``last_day``; the same people carry on at the commune."""
    for username, (role, code) in DISTRICT_STAFF_MOVE.items():
        person = Person.objects.get(user__username=username)
        Membership.objects.filter(person=person, org=orgs[DISTRICT]).update(valid_to=last_day)
        Membership.objects.create(
            person=person, org=orgs[code], role=role, valid_from=last_day + dt.timedelta(days=1)
        )


def fresh(user):
    """The same user without the access policy's cached view of their memberships
    (they change during the demo: re-attachment moves paths, memberships end)."""
    return get_user_model().objects.select_related("person").get(pk=user.pk)


def accounts_table() -> str:
    """The demo accounts as a plain-text table in Vietnamese (for ``luutru demo --accounts``)."""
    names = dict(
        Organization.objects.filter(code__in={a.org_code for a in ACCOUNTS}).values_list(
            "code", "name"
        )
    )
    rows = [("Tên đăng nhập", "Họ và tên", "Vai trò", "Cơ quan, tổ chức")]
    for a in ACCOUNTS:
        body = names.get(a.org_code, a.org_code)
        if a.username in DISTRICT_STAFF_MOVE and a.username:
            target = names.get(DISTRICT_STAFF_MOVE[a.username][1], "")
            body = f"{target} (trước 01/7/2025: {body})" if target else body
        rows.append((a.username, a.full_name, Role(a.role).label, body))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["Tài khoản dùng thử (tỉnh mẫu):", ""]
    for n, r in enumerate(rows):
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 16)
    lines += [
        "",
        f"Mật khẩu chung cho mọi tài khoản: {PASSWORD}",
        "Đăng nhập tại http://127.0.0.1:8000 — đổi mật khẩu trước khi dùng thật.",
    ]
    return "\n".join(lines)
