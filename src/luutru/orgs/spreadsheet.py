"""Bodies and people from a spreadsheet, and back (issue 13, item 1).

A province arrives with its bodies (~650) and its staff (thousands) in Excel.
The workbook has two sheets, "Cơ quan" and "Người" (columns below, first row
the headings). ``check`` reads it and names every row's problem in Vietnamese
without changing anything (the dry run); ``apply`` makes what is missing
through the ``orgs`` services (so every body gets its tree path, its fonds and
its dated history) and changes nothing that is already as the file says, so
re-running the same file is a no-op. ``export`` writes the same layout.

What a spreadsheet may not do is a dated event: a body's name, parent or end
differ from the file ⇒ the row is refused with a pointer to the
reorganization functions (rename, move, dissolve keep the history).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from luutru.audit.services import appending, record
from luutru.core.errors import RuleViolation
from luutru.core.xlsx import append
from luutru.orgs.accounts import NewPerson, clearance_of, create_people
from luutru.orgs.authority import manage_failures
from luutru.orgs.models import (
    FondsSystem,
    Kind,
    Level,
    Membership,
    Organization,
    Person,
    Role,
    Secrecy,
    Unit,
)
from luutru.orgs.services import add_units, create_orgs, update_org_details

ORG_SHEET = "Cơ quan"
PEOPLE_SHEET = "Người"
ORG_COLUMNS = [
    "Mã",
    "Tên cơ quan, tổ chức",
    "Tên viết tắt",
    "Loại hình",
    "Cấp",
    "Mã cơ quan cấp trên",
    "Hoạt động từ ngày",
    "Ngừng hoạt động sau ngày",
    "Mã phông",
    "Tên phông",
    "Hệ thống phông",
    "Chữ viết tắt tên cơ quan ban hành",
    "Địa danh",
]
PEOPLE_COLUMNS = [
    "Họ và tên",
    "Mã cơ quan",
    "Đơn vị",
    "Chức vụ",
    "Vai trò",
    "Được tiếp cận bí mật đến độ",
    "Tên đăng nhập",
    "Từ ngày",
]
# Details a re-import may change without a dated event.
_DETAILS = ("short_name", "kind", "level", "fonds_system", "issuer_abbrev", "place")
MAX_ROWS = 100_000
DATED_EVENT = (
    "{what} khác với hiện có (“{now}”). Đây là sự kiện có ngày: dùng chức năng "
    "{how} ở trang cơ quan, không sửa qua tệp."
)


def _key(text: object) -> str:
    """Casefolded NFC text with spaces flattened: "Cấp  Tỉnh" == "cấp tỉnh"."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).casefold().split())


def _choices(enum: Any) -> dict[str, Any]:
    """A value is accepted by its code ("district") or its label ("Cấp huyện")."""
    out = {}
    for value, label in enum.choices:
        out[_key(value)] = value
        out[_key(label)] = value
    return out


KINDS, LEVELS, SYSTEMS = _choices(Kind), _choices(Level), _choices(FondsSystem)
ROLES, SECRECY = _choices(Role), _choices(Secrecy)


@dataclass
class Problem:
    sheet: str
    row: int  # the row number as the spreadsheet program shows it
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, dòng {self.row}: {self.message}"


@dataclass
class OrgRow:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent_code: str
    valid_from: dt.date
    valid_to: dt.date | None
    fonds_code: str
    fonds_name: str
    fonds_system: str
    issuer_abbrev: str
    place: str


@dataclass
class PersonRow:
    row: int
    full_name: str
    org_code: str
    unit: str
    position: str
    role: str
    clearance: int
    username: str
    valid_from: dt.date


@dataclass
class Plan:
    """What a file would do: the dry run's answer."""

    problems: list[Problem] = field(default_factory=list)
    orgs_new: list[OrgRow] = field(default_factory=list)
    orgs_changed: list[tuple[OrgRow, dict[str, Any]]] = field(default_factory=list)
    orgs_same: int = 0
    people_new: list[PersonRow] = field(default_factory=list)
    people_same: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return len(self.orgs_new) + len(self.orgs_changed) + len(self.people_new)


class SheetError(RuleViolation):
    """The file itself cannot be read as the layout."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _date(value: object, heading: str, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    problems.append(f"“{heading}” không phải một ngày (viết dd/mm/yyyy): “{text}”.")
    return None


def _rows(ws: Any, columns: list[str], sheet: str) -> Iterator[tuple[int, dict[str, Any]]]:
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if header is None:
        return
    names = [_key(h) for h in header]
    missing = [c for c in columns if _key(c) not in names]
    if missing:
        raise SheetError(
            f"Trang “{sheet}” thiếu cột: {', '.join(missing)}. "
            "Tải mẫu tệp (nút “Tải danh sách hiện có”) để có đúng các cột."
        )
    index = {c: names.index(_key(c)) for c in columns}
    for n, values in enumerate(it, start=2):
        if n > MAX_ROWS + 1:
            raise SheetError(f"Trang “{sheet}” có hơn {MAX_ROWS:,} dòng: hãy chia nhỏ tệp.")
        if values is None or all(v in (None, "") for v in values):
            continue
        yield n, {c: (values[i] if i < len(values) else None) for c, i in index.items()}


def read(data: bytes) -> tuple[list[Any], list[Any]]:
    """The two sheets' rows, as typed rows plus the problems of shape."""
    from openpyxl import load_workbook  # heavy; only the import pages and CLI need it

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same answer
        raise SheetError("Không đọc được tệp: hãy tải lên một tệp Excel (.xlsx) theo mẫu.") from exc
    by_name = {_key(name): name for name in wb.sheetnames}
    if _key(ORG_SHEET) not in by_name and _key(PEOPLE_SHEET) not in by_name:
        raise SheetError(
            f"Tệp không có trang “{ORG_SHEET}” hay “{PEOPLE_SHEET}”: hãy dùng tệp mẫu."
        )
    orgs, people = [], []
    if _key(ORG_SHEET) in by_name:
        orgs = list(_rows(wb[by_name[_key(ORG_SHEET)]], ORG_COLUMNS, ORG_SHEET))
    if _key(PEOPLE_SHEET) in by_name:
        people = list(_rows(wb[by_name[_key(PEOPLE_SHEET)]], PEOPLE_COLUMNS, PEOPLE_SHEET))
    wb.close()
    return orgs, people


def _org_row(n: int, raw: dict[str, Any], problems: list[Problem]) -> OrgRow | None:
    says: list[str] = []
    code, name = _text(raw["Mã"]), _text(raw["Tên cơ quan, tổ chức"])
    if not code:
        says.append("thiếu mã cơ quan.")
    elif len(code) > 40:
        says.append("mã cơ quan dài quá 40 ký tự.")
    if not name:
        says.append("thiếu tên cơ quan.")
    kind = KINDS.get(_key(raw["Loại hình"]))
    if kind is None:
        says.append(f"loại hình “{_text(raw['Loại hình'])}” không có trong danh mục.")
    level = LEVELS.get(_key(raw["Cấp"]))
    if level is None:
        says.append(f"cấp “{_text(raw['Cấp'])}” không có (tỉnh, huyện, xã, cơ sở).")
    system = SYSTEMS.get(_key(raw["Hệ thống phông"]) or "party")
    if system is None:
        says.append(f"hệ thống phông “{_text(raw['Hệ thống phông'])}” không có.")
    valid_from = _date(raw["Hoạt động từ ngày"], "Hoạt động từ ngày", says)
    if valid_from is None and not _text(raw["Hoạt động từ ngày"]):
        says.append("thiếu ngày bắt đầu hoạt động.")
    valid_to = _date(raw["Ngừng hoạt động sau ngày"], "Ngừng hoạt động sau ngày", says)
    if valid_from and valid_to and valid_to < valid_from:
        says.append("ngày ngừng hoạt động trước ngày bắt đầu.")
    for text in says:
        problems.append(Problem(ORG_SHEET, n, text[0].upper() + text[1:]))
    if says or valid_from is None or kind is None or level is None or system is None:
        return None
    return OrgRow(
        row=n,
        code=code,
        name=name,
        short_name=_text(raw["Tên viết tắt"]),
        kind=kind,
        level=level,
        parent_code=_text(raw["Mã cơ quan cấp trên"]),
        valid_from=valid_from,
        valid_to=valid_to,
        fonds_code=_text(raw["Mã phông"]),
        fonds_name=_text(raw["Tên phông"]),
        fonds_system=system,
        issuer_abbrev=_text(raw["Chữ viết tắt tên cơ quan ban hành"]),
        place=_text(raw["Địa danh"]),
    )


def _check_orgs(actor, rows: list[tuple[int, dict]], plan: Plan) -> dict[str, Any]:
    """Typed rows with every problem named; returns what each code will be."""
    typed: list[OrgRow] = []
    seen: dict[str, int] = {}
    for n, raw in rows:
        org_row = _org_row(n, raw, plan.problems)
        if org_row is None:
            continue
        if org_row.code in seen:
            plan.problems.append(
                Problem(ORG_SHEET, n, f"Mã “{org_row.code}” trùng với dòng {seen[org_row.code]}.")
            )
            continue
        seen[org_row.code] = n
        typed.append(org_row)
    existing = {o.code: o for o in Organization.objects.select_related("parent", "fonds")}
    in_file = {r.code: r for r in typed}
    fonds_codes = {o.fonds.code: code for code, o in existing.items() if hasattr(o, "fonds")}
    file_fonds: dict[str, int] = {}
    # Parent known, no cycle, dates inside the parent's life.
    for r in typed:
        says = []
        if r.parent_code and r.parent_code not in in_file and r.parent_code not in existing:
            says.append(f"Không có cơ quan cấp trên mã “{r.parent_code}” (trong tệp hay hệ thống).")
        chain, code = [r.code], r.parent_code
        while code and code in in_file:
            if code in chain:
                says.append("Vòng lặp cấp trên: " + " → ".join([*chain, code]) + ".")
                break
            chain.append(code)
            code = in_file[code].parent_code
        parent_start = (
            in_file[r.parent_code].valid_from
            if r.parent_code in in_file
            else existing[r.parent_code].valid_from
            if r.parent_code in existing
            else None
        )
        if parent_start and r.valid_from < parent_start:
            says.append(
                f"Ngày bắt đầu {r.valid_from:%d/%m/%Y} trước khi cơ quan cấp trên "
                f"“{r.parent_code}” có (từ {parent_start:%d/%m/%Y})."
            )
        if r.fonds_code:
            owner = fonds_codes.get(r.fonds_code)
            if owner is not None and owner != r.code:
                says.append(f"Mã phông “{r.fonds_code}” đã là phông của “{owner}”.")
            if r.fonds_code in file_fonds:
                says.append(f"Mã phông “{r.fonds_code}” trùng với dòng {file_fonds[r.fonds_code]}.")
            file_fonds[r.fonds_code] = r.row
        now = existing.get(r.code)
        if now is None:
            parent = existing.get(r.parent_code)
            if parent is not None:
                says += manage_failures(actor, parent)
            elif not r.parent_code:
                says += manage_failures(actor, None)
            if r.valid_to is not None:
                says.append(
                    "Cơ quan mới không nhập kèm ngày ngừng hoạt động: nhập rồi dùng "
                    "chức năng Giải thể (có ngày và cơ quan kế thừa)."
                )
        else:
            says += manage_failures(actor, now)
            says += _dated_differences(r, now)
        for text in says:
            plan.problems.append(Problem(ORG_SHEET, r.row, text))
        if says:
            continue
        if now is None:
            plan.orgs_new.append(r)
            continue
        changed = {f: getattr(r, f) for f in _DETAILS if getattr(r, f) != getattr(now, f)}
        if r.fonds_name and r.fonds_name != now.fonds.name:
            changed["fonds_name"] = r.fonds_name
        if changed:
            plan.orgs_changed.append((r, changed))
        else:
            plan.orgs_same += 1
    return {**existing, **in_file}


def _dated_differences(r: OrgRow, now: Organization) -> list[str]:
    says = []
    if r.name != now.name:
        says.append(DATED_EVENT.format(what="Tên", now=now.name, how="Đổi tên"))
    now_parent = now.parent.code if now.parent else ""
    if r.parent_code != now_parent:
        says.append(
            DATED_EVENT.format(what="Cơ quan cấp trên", now=now_parent or "không có", how="Chuyển")
        )
    if r.valid_to != now.valid_to:
        shown = f"{now.valid_to:%d/%m/%Y}" if now.valid_to else "đang hoạt động"
        says.append(DATED_EVENT.format(what="Ngày ngừng hoạt động", now=shown, how="Giải thể"))
    if r.valid_from != now.valid_from:
        says.append(
            f"Ngày bắt đầu khác với hiện có ({now.valid_from:%d/%m/%Y}): ngày thành lập "
            "không sửa qua tệp."
        )
    if r.fonds_code and r.fonds_code != now.fonds.code:
        says.append(f"Mã phông khác với hiện có (“{now.fonds.code}”): mã phông không đổi qua tệp.")
    return says


def _check_people(actor, rows: list[tuple[int, dict]], codes: dict[str, Any], plan: Plan) -> None:
    own = clearance_of(actor)
    User = get_user_model()
    usernames = set(User.objects.values_list("username", flat=True))
    linked = set(Person.objects.filter(user__isnull=False).values_list("user__username", flat=True))
    held = {
        (full_name, code, role)
        for full_name, code, role in Membership.objects.values_list(
            "person__full_name", "org__code", "role"
        )
    }
    seen_users: dict[str, int] = {}
    for n, raw in rows:
        says: list[str] = []
        full_name = _text(raw["Họ và tên"])
        if not full_name:
            says.append("Thiếu họ và tên.")
        elif len(full_name) > 50:
            says.append("Họ và tên dài quá 50 ký tự.")
        org_code = _text(raw["Mã cơ quan"])
        if org_code not in codes:
            says.append(f"Không có cơ quan mã “{org_code}” (trong tệp hay hệ thống).")
        role = ROLES.get(_key(raw["Vai trò"]))
        if role is None:
            says.append(f"Vai trò “{_text(raw['Vai trò'])}” không có trong danh mục.")
        clearance = SECRECY.get(_key(raw["Được tiếp cận bí mật đến độ"]) or "0")
        if clearance is None:
            says.append(
                f"Độ mật “{_text(raw['Được tiếp cận bí mật đến độ'])}” không có "
                "(Thường, Mật, Tối mật, Tuyệt mật)."
            )
        elif clearance > own:
            says.append(
                f"Không thể cấp độ mật “{Secrecy(clearance).label}” cao hơn mức của chính "
                f"bạn (“{Secrecy(own).label}”)."
            )
        username = _text(raw["Tên đăng nhập"])
        if username:
            if username in seen_users:
                says.append(f"Tên đăng nhập “{username}” trùng với dòng {seen_users[username]}.")
            seen_users.setdefault(username, n)
        valid_from = _date(raw["Từ ngày"], "Từ ngày", says) or timezone.localdate()
        if says or role is None or clearance is None:
            plan.problems.extend(Problem(PEOPLE_SHEET, n, s) for s in says)
            continue
        if (full_name, org_code, role) in held or (username and username in linked):
            plan.people_same += 1
            continue
        if username and username in usernames:
            plan.problems.append(
                Problem(PEOPLE_SHEET, n, f"Tên đăng nhập “{username}” đã có người khác dùng.")
            )
            continue
        plan.people_new.append(
            PersonRow(
                row=n,
                full_name=full_name,
                org_code=org_code,
                unit=_text(raw["Đơn vị"]),
                position=_text(raw["Chức vụ"]),
                role=role,
                clearance=int(clearance),
                username=username,
                valid_from=valid_from,
            )
        )


def check(actor, data: bytes) -> Plan:
    """The dry run: every problem of every row, and what the file would change."""
    org_rows, people_rows = read(data)
    plan = Plan()
    codes = _check_orgs(actor, org_rows, plan)
    _check_people(actor, people_rows, codes, plan)
    # In the file's order (bodies, then people; by row), as the user fixes them.
    plan.problems.sort(key=lambda p: (p.sheet != ORG_SHEET, p.row))
    return plan


def _parent_first(rows: list[OrgRow]) -> list[OrgRow]:
    by_code = {r.code: r for r in rows}
    done: set[str] = set()
    out: list[OrgRow] = []

    def visit(r: OrgRow) -> None:
        if r.code in done:
            return
        done.add(r.code)
        if r.parent_code in by_code:
            visit(by_code[r.parent_code])
        out.append(r)

    for r in rows:
        visit(r)
    return out


@transaction.atomic
def apply(actor, data: bytes) -> Plan:
    """Make what the file says and the system lacks; refuse the whole file if any row
    has a problem (nothing is half-imported). Returns the plan carried out.

    Bodies, units and people are written in bulk by the ``orgs`` services, each with
    its own audit event; the events of one import are appended under one lock of the
    chain head (``audit.appending``), in the import's transaction."""
    with appending():
        return _apply(actor, data)


def _apply(actor, data: bytes) -> Plan:
    plan = check(actor, data)
    if plan.problems:
        raise RuleViolation(*[str(p) for p in plan.problems])
    made = {o.code: o for o in Organization.objects.all()}
    specs = [
        dict(
            code=r.code,
            name=r.name,
            kind=r.kind,
            level=r.level,
            parent=made.get(r.parent_code) or r.parent_code or None,
            valid_from=r.valid_from,
            fonds_code=r.fonds_code or None,
            fonds_name=r.fonds_name,
            short_name=r.short_name,
            fonds_system=r.fonds_system,
            issuer_abbrev=r.issuer_abbrev,
            place=r.place,
        )
        for r in _parent_first(plan.orgs_new)
    ]
    if specs:
        made.update((o.code, o) for o in create_orgs(actor, specs))
    for r, changed in plan.orgs_changed:
        org = made[r.code]
        details = {f: v for f, v in changed.items() if f != "fonds_name"}
        if details:
            update_org_details(actor, org, **details)
        if "fonds_name" in changed:
            before = {"fonds_name": org.fonds.name}
            org.fonds.name = changed["fonds_name"]
            org.fonds.save(update_fields=["name"])
            record(actor, "fonds.update", org.fonds, org_id=org.pk, before=before, after=changed)
    units = {(u.org_id, u.name): u for u in Unit.objects.all()}
    missing = {(p.org_code, p.unit) for p in plan.people_new if p.unit}
    missing = {(code, name) for code, name in missing if (made[code].pk, name) not in units}
    if missing:
        new_units = add_units(actor, [(made[code], name) for code, name in sorted(missing)])
        units.update(((u.org_id, u.name), u) for u in new_units)
    if plan.people_new:
        create_people(
            actor,
            [
                NewPerson(
                    full_name=p.full_name,
                    org=made[p.org_code],
                    role=p.role,
                    position=p.position,
                    clearance=p.clearance,
                    unit=units.get((made[p.org_code].pk, p.unit)) if p.unit else None,
                    username=p.username,
                    valid_from=p.valid_from,
                )
                for p in plan.people_new
            ],
        )
    record(
        actor,
        "orgs.import",
        None,
        after={
            "orgs_new": len(plan.orgs_new),
            "orgs_changed": len(plan.orgs_changed),
            "people_new": len(plan.people_new),
        },
    )
    return plan


def _label(enum: Any, value: str) -> str:
    return str(dict(enum.choices).get(value, value))


def export(orgs: Iterable[Organization] | None = None) -> bytes:
    """The bodies and people in the import layout (a re-import changes nothing)."""
    from openpyxl import Workbook  # heavy; only the export needs it

    orgs = list(
        orgs
        if orgs is not None
        else Organization.objects.select_related("parent", "fonds").order_by("path")
    )
    wb = Workbook()
    ws = wb.active
    ws.title = ORG_SHEET
    append(ws, ORG_COLUMNS)
    for o in orgs:
        append(
            ws,
            [
                o.code,
                o.name,
                o.short_name,
                _label(Kind, o.kind),
                _label(Level, o.level),
                o.parent.code if o.parent else "",
                o.valid_from.strftime("%d/%m/%Y"),
                o.valid_to.strftime("%d/%m/%Y") if o.valid_to else "",
                o.fonds.code,
                o.fonds.name,
                _label(FondsSystem, o.fonds_system),
                o.issuer_abbrev,
                o.place,
            ],
        )
    people = wb.create_sheet(PEOPLE_SHEET)
    append(people, PEOPLE_COLUMNS)
    memberships = (
        Membership.objects.filter(org__in=orgs)
        .select_related("person", "person__user", "org", "unit")
        .order_by("org__path", "person__full_name", "role")
    )
    for m in memberships:
        append(
            people,
            [
                m.person.full_name,
                m.org.code,
                m.unit.name if m.unit else "",
                m.person.position,
                _label(Role, m.role),
                str(Secrecy(m.person.clearance).label),
                m.person.user.username if m.person.user else "",
                m.valid_from.strftime("%d/%m/%Y"),
            ],
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
