"""A paper inventory (mục lục hồ sơ) from an XLSX or DOCX table (issue 13, item 5).

``read_table`` reads the rows; ``preview`` finds the header row, its fingerprint
and a column mapping (the one remembered for that layout, else guessed from
the headers); ``check`` names every bad row in Vietnamese and changes nothing;
``apply`` writes inventories, locations, boxes and dossiers in chunks (re-import
updates, keyed by fonds + inventory + dossier number) and records one audit
event with the counts and the file's SHA-256. A file with any bad row changes
nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from luutru.audit import services as audit
from luutru.core.errors import RuleViolation
from luutru.holdings.models import Box, ImportLayout, Inventory, Location, PaperDossier
from luutru.orgs.models import Fonds, Secrecy
from luutru.search.services import enqueue

CHUNK = 2000

# field → (label shown on the mapping screen, folded header words that name it)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "inventory": ("Mục lục số", ("muc luc so", "muc luc")),
    "box": ("Hộp số", ("hop so", "hop", "cap so", "so hop")),
    "number": ("Hồ sơ số", ("ho so so", "so ho so", "hs so", "so tt", "stt", "so thu tu")),
    "file_code": ("Số, ký hiệu hồ sơ", ("so, ky hieu", "ky hieu", "so ky hieu", "ma ho so")),
    "title": ("Tiêu đề hồ sơ", ("tieu de", "ten ho so", "tieu de ho so")),
    "dates": ("Thời gian tài liệu", ("thoi gian", "thoi gian tai lieu")),
    "start_date": ("Ngày bắt đầu", ("ngay bat dau", "tu ngay")),
    "end_date": ("Ngày kết thúc", ("ngay ket thuc", "den ngay")),
    "sheets": ("Số tờ", ("so to", "so to/so trang", "so trang")),
    "retention": ("Thời hạn bảo quản", ("thoi han bao quan", "thbq", "thoi han")),
    "secrecy": ("Độ mật", ("do mat", "mat")),
    "physical_state": ("Tình trạng vật lý", ("tinh trang", "tinh trang vat ly")),
    "notes": ("Ghi chú", ("ghi chu",)),
    "room": ("Kho", ("kho", "kho so")),
    "shelf": ("Giá", ("gia", "gia so")),
    "bay": ("Khoang", ("khoang", "khoang so")),
    "tier": ("Tầng", ("tang", "tang so")),
}
REQUIRED = ("number", "title")
SECRECY_WORDS = {
    "": Secrecy.NONE,
    "thuong": Secrecy.NONE,
    "mat": Secrecy.MAT,
    "toi mat": Secrecy.TOI_MAT,
    "tuyet mat": Secrecy.TUYET_MAT,
}


def fold(text: object) -> str:
    """Lower case, no diacritics (đ → d), single spaces: how headers are compared."""
    s = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"\s+", " ", s.replace("\n", " ")).strip(" .:()")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().strftime("%d/%m/%Y")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_table(data: bytes, name: str) -> list[list[str]]:
    """The rows of the first sheet (XLSX) or of the largest table (DOCX), as text."""
    lower = name.lower()
    try:
        if lower.endswith(".docx"):
            import docx

            document = docx.Document(io.BytesIO(data))
            if not document.tables:
                raise RuleViolation("Tệp Word không có bảng nào: mục lục phải là một bảng.")
            table = max(document.tables, key=lambda t: len(t.rows))
            return [[c.text.strip() for c in row.cells] for row in table.rows]
        if lower.endswith((".xlsx", ".xlsm")):
            # calamine (Rust, MIT) reads a sheet about 20 times faster than openpyxl.
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            return [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    except RuleViolation:
        raise
    except Exception:  # a damaged or mislabelled file: say so, whatever the library raised
        raise RuleViolation(
            f"Không đọc được tệp “{name}”: tệp hỏng hoặc không đúng định dạng."
        ) from None
    raise RuleViolation("Chỉ nhận tệp Excel (.xlsx) hoặc Word (.docx) có bảng mục lục.")


def _guess(header: str) -> str | None:
    h = fold(header)
    for name, (_label, words) in FIELDS.items():
        if h in words:
            return name
    for name, (_label, words) in FIELDS.items():
        if len(h) > 4 and any(w in h for w in words if len(w) > 4):
            return name
    return None


def fingerprint(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(fold(h) for h in headers).encode()).hexdigest()


@dataclass
class Preview:
    header_row: int  # 1-based
    headers: list[str]
    fingerprint: str
    mapping: dict[str, int]  # field → column index
    remembered: bool
    sample: list[list[str]]
    total: int


def preview(rows: list[list[str]]) -> Preview:
    """Where the header is, and the mapping: remembered for this layout, else guessed."""
    header_at = 0
    best = -1
    for i, row in enumerate(rows[:15]):
        score = sum(1 for c in row if c and _guess(c))
        if score > best:
            header_at, best = i, score
    headers = [c for c in rows[header_at]] if rows else []
    fp = fingerprint(headers)
    layout = ImportLayout.objects.filter(fingerprint=fp).first()
    if layout is not None:
        mapping = {k: int(v) for k, v in layout.mapping.items()}
    else:
        mapping = {}
        for i, h in enumerate(headers):
            name = _guess(h)
            if name and name not in mapping:
                mapping[name] = i
    body = [r for r in rows[header_at + 1 :] if any(c for c in r)]
    return Preview(header_at + 1, headers, fp, mapping, layout is not None, body[:10], len(body))


def remember(pv: Preview, mapping: dict[str, int]) -> None:
    ImportLayout.objects.update_or_create(
        fingerprint=pv.fingerprint,
        defaults={"headers": pv.headers, "mapping": mapping, "header_row": pv.header_row},
    )


_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _dates(text: str) -> tuple[dt.date | None, dt.date | None, int | None] | None:
    """ "03/02/1985 - 28/12/1986", "1985 - 1986", "1985": the range; None if unreadable."""
    if not text:
        return None, None, None
    found = _DATE.findall(text)
    try:
        days = [dt.date(int(y), int(m), int(d)) for d, m, y in found]
    except ValueError:
        return None
    if days:
        return days[0], days[-1], days[-1].year
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31), years[-1]
    return None


def _int(text: str) -> int | None:
    t = text.strip().replace(".", "").replace(",", "")
    return int(t) if t.isdigit() and len(t) < 10 else None


@dataclass
class Row:
    line: int
    inventory: int
    number: int
    box: int | None
    values: dict[str, Any]
    place: tuple[str, ...]  # room, shelf, bay, tier names given


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    same: int = 0
    boxes_new: int = 0
    locations_new: int = 0


def check(
    rows: list[list[str]], pv: Preview, mapping: dict[str, int], inventory: int | None
) -> Plan:
    """Every row read, every bad row named; nothing is written."""
    plan = Plan()
    for f in REQUIRED:
        if f not in mapping:
            plan.problems.append(f"Chưa chọn cột “{FIELDS[f][0]}”.")
    if "inventory" not in mapping and inventory is None:
        plan.problems.append("Chưa chọn cột “Mục lục số” và chưa cho số mục lục chung cho cả tệp.")
    if plan.problems:
        return plan
    seen: dict[tuple[int, int], int] = {}
    start = pv.header_row  # rows after the header, numbered as the file shows them
    for offset, raw in enumerate(rows[start:], start=start + 1):
        if not any(c for c in raw):
            continue

        def get(f: str, raw: list[str] = raw) -> str:
            i = mapping.get(f)
            return raw[i].strip() if i is not None and i < len(raw) else ""

        bad: list[str] = []
        inv = _int(get("inventory")) if "inventory" in mapping else inventory
        if inv is None or inv == 0:
            bad.append(f"mục lục số “{get('inventory')}” không phải là số")
        number = _int(get("number"))
        if number is None or number == 0:
            bad.append(f"hồ sơ số “{get('number')}” không phải là số")
        title = get("title")
        if not title:
            bad.append("thiếu tiêu đề hồ sơ")
        elif len(title) > 1000:
            bad.append("tiêu đề dài quá 1000 ký tự")
        box = None
        if get("box"):
            box = _int(get("box"))
            if box is None or box == 0:
                bad.append(f"hộp số “{get('box')}” không phải là số")
        start_date = end_date = None
        year = None
        if "dates" in mapping:
            got = _dates(get("dates"))
            if got is None:
                bad.append(f"thời gian “{get('dates')}” không đọc được (dd/mm/yyyy hoặc năm)")
            else:
                start_date, end_date, year = got
        for f in ("start_date", "end_date"):
            if get(f):
                got = _dates(get(f))
                if got is None or got[0] is None:
                    bad.append(f"{FIELDS[f][0].lower()} “{get(f)}” không đọc được (dd/mm/yyyy)")
                elif f == "start_date":
                    start_date = got[0]
                else:
                    end_date, year = got[1], got[2]
        if start_date and end_date and start_date > end_date:
            bad.append("ngày bắt đầu sau ngày kết thúc")
        sheets = None
        if get("sheets"):
            sheets = _int(get("sheets"))
            if sheets is None:
                bad.append(f"số tờ “{get('sheets')}” không phải là số")
        secrecy = SECRECY_WORDS.get(fold(get("secrecy")))
        if secrecy is None:
            bad.append(
                f"độ mật “{get('secrecy')}” không rõ (để trống, Mật, Tối mật hoặc Tuyệt mật)"
            )
        place = tuple(get(f) for f in ("room", "shelf", "bay", "tier"))
        if any(place) and box is None:
            bad.append("có vị trí trên giá nhưng không có số hộp")
        if any(place) and not all(place):
            bad.append("vị trí phải đủ kho, giá, khoang, tầng")
        if inv and number:
            key = (inv, number)
            if key in seen:
                bad.append(f"trùng hồ sơ số {number} của mục lục số {inv} ở dòng {seen[key]}")
            else:
                seen[key] = offset
        if bad:
            plan.problems.append(f"Dòng {offset}: " + "; ".join(bad) + ".")
            continue
        assert inv is not None and number is not None
        plan.rows.append(
            Row(
                line=offset,
                inventory=inv,
                number=number,
                box=box,
                values={
                    "file_code": get("file_code")[:60],
                    "title": title,
                    "start_date": start_date,
                    "end_date": end_date,
                    "year": year,
                    "sheets": sheets,
                    "retention": get("retention")[:40],
                    "secrecy": int(secrecy or 0),
                    "physical_state": get("physical_state")[:200],
                    "notes": get("notes")[:500],
                },
                place=place if all(place) else (),
            )
        )
    if not plan.rows and not plan.problems:
        plan.problems.append("Tệp không có dòng hồ sơ nào dưới dòng tiêu đề cột.")
    return plan


FIELDS_WRITTEN = (
    "file_code",
    "title",
    "start_date",
    "end_date",
    "year",
    "sheets",
    "retention",
    "secrecy",
    "physical_state",
    "notes",
)


def _count(plan: Plan, fonds: Fonds) -> dict[tuple[int, int], PaperDossier]:
    """The dossiers already there for the file's keys; fills the plan's counts."""
    existing: dict[tuple[int, int], PaperDossier] = {}
    inv_numbers = sorted({r.inventory for r in plan.rows})
    invs = dict(
        Inventory.objects.filter(fonds=fonds, number__in=inv_numbers).values_list("pk", "number")
    )
    box_numbers: dict[int | None, int | None] = {None: None}
    if invs:
        qs = PaperDossier.objects.filter(inventory_id__in=list(invs))
        for row in qs.iterator(chunk_size=5000):
            existing[(invs[row.inventory_id], row.number)] = row
        box_numbers.update(
            Box.objects.filter(inventory_id__in=list(invs)).values_list("pk", "number")
        )
    for r in plan.rows:
        d = existing.get((r.inventory, r.number))
        if d is None:
            plan.new += 1
        elif box_numbers.get(d.box_id) != r.box or any(
            getattr(d, k) != v for k, v in r.values.items()
        ):
            plan.changed += 1
        else:
            plan.same += 1
    return existing


def dry_run(
    rows: list[list[str]], pv: Preview, mapping: dict[str, int], fonds: Fonds, inventory: int | None
) -> Plan:
    plan = check(rows, pv, mapping, inventory)
    if not plan.problems:
        _count(plan, fonds)
    return plan


def _location(keeper_id: int, place: tuple[str, ...], cache: dict, plan: Plan) -> Location:
    parent = None
    kinds = (Location.Kind.ROOM, Location.Kind.SHELF, Location.Kind.BAY, Location.Kind.TIER)
    for depth in range(1, 5):
        key = place[:depth]
        if key not in cache:
            loc, made = Location.objects.get_or_create(
                keeper_id=keeper_id, parent=parent, kind=kinds[depth - 1], name=key[-1]
            )
            plan.locations_new += int(made)
            cache[key] = loc
        parent = cache[key]
    assert parent is not None
    return parent


def apply(
    actor: Any,
    data: bytes,
    rows: list[list[str]],
    pv: Preview,
    mapping: dict[str, int],
    fonds: Fonds,
    inventory: int | None,
) -> Plan:
    """Write the file (all or nothing); raises ``RuleViolation`` listing every bad row."""
    plan = check(rows, pv, mapping, inventory)
    if plan.problems:
        raise RuleViolation(*plan.problems)
    org_id = fonds.org_id
    with transaction.atomic():
        existing = _count(plan, fonds)
        invs = {i.number: i for i in Inventory.objects.filter(fonds=fonds)}
        for n in sorted({r.inventory for r in plan.rows} - set(invs)):
            invs[n] = Inventory.objects.create(fonds=fonds, number=n)
        boxes = {
            (b.inventory_id, b.number): b
            for b in Box.objects.filter(inventory__in=list(invs.values()))
        }
        locations: dict[tuple[str, ...], Location] = {}
        box_places: dict[tuple[int, int], tuple[str, ...]] = {}
        for r in plan.rows:
            if r.box is not None:
                key = (invs[r.inventory].pk, r.box)
                if r.place or key not in box_places:
                    box_places[key] = r.place or box_places.get(key, ())
        new_boxes = []
        moved = []
        for key, place in box_places.items():
            loc = _location(org_id, place, locations, plan) if place else None
            b = boxes.get(key)
            if b is None:
                new_boxes.append(Box(inventory_id=key[0], number=key[1], location=loc))
            elif loc is not None and b.location_id != loc.pk:
                b.location = loc
                moved.append(b)
        Box.objects.bulk_create(new_boxes, batch_size=CHUNK)
        Box.objects.bulk_update(moved, ["location"], batch_size=CHUNK)
        plan.boxes_new = len(new_boxes)
        box_ids = {
            (b_inv, b_num): b_pk
            for b_pk, b_inv, b_num in Box.objects.filter(
                inventory__in=list(invs.values())
            ).values_list("pk", "inventory_id", "number")
        }
        to_create: list[PaperDossier] = []
        to_update: list[PaperDossier] = []
        for r in plan.rows:
            inv = invs[r.inventory]
            box_id = box_ids.get((inv.pk, r.box)) if r.box is not None else None
            d = existing.get((r.inventory, r.number))
            if d is None:
                to_create.append(
                    PaperDossier(
                        org_id=org_id, inventory=inv, number=r.number, box_id=box_id, **r.values
                    )
                )
            elif d.box_id != box_id or any(getattr(d, k) != v for k, v in r.values.items()):
                for k, v in r.values.items():
                    setattr(d, k, v)
                d.box_id = box_id
                to_update.append(d)
        for i in range(0, len(to_create), CHUNK):
            made = PaperDossier.objects.bulk_create(to_create[i : i + CHUNK])
            enqueue("paperdossier", [d.pk for d in made])
        for i in range(0, len(to_update), CHUNK):
            chunk = to_update[i : i + CHUNK]
            PaperDossier.objects.bulk_update(chunk, [*FIELDS_WRITTEN, "box"])
            enqueue("paperdossier", [d.pk for d in chunk])
        remember(pv, mapping)
        audit.record(
            actor or "hệ thống",
            "holdings.catalogue_imported",
            object_type="fonds",
            object_id=fonds.pk,
            org_id=org_id,
            after={
                "sha256": hashlib.sha256(data).hexdigest(),
                "rows": len(plan.rows),
                "new": plan.new,
                "changed": plan.changed,
                "same": plan.same,
                "boxes_new": plan.boxes_new,
                "locations_new": plan.locations_new,
            },
        )
    return plan
