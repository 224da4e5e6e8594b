"""The demo's records, made through the real services (plans, dossiers,
documents, deposits, keep-backs) by the demo users, so that the demo
exercises the same checks as the screens."""

from __future__ import annotations

import datetime as dt
import io
import random
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

from luutru.archive import services as archive
from luutru.demo import catalogue, content, names
from luutru.demo.catalogue import Doc, Heading, Item
from luutru.demo.pdf import render
from luutru.demo.people import fresh
from luutru.demo.tree import LAST_DAY_OF_DISTRICTS, REATTACH_DAY
from luutru.filing import services as filing
from luutru.filing.models import Dossier, DossierStatus, FilePlanItem
from luutru.orgs.models import Organization
from luutru.registry.models import Direction, Document
from luutru.registry.services import create_document
from luutru.rules.models import DocumentType, RetentionRule
from luutru.rules.queries import profile_for
from luutru.storage.services import remove_blobs

# Where the header's "Số 12-NQ/TU" numbers run from: the term (nhiệm kỳ) of
# Party committees; boundaries as in tree.TERMS (approximate for the demo).
TERM_STARTS = [dt.date(2015, 10, 16), dt.date(2020, 10, 16), dt.date(2025, 10, 16)]
RARE_TYPES = {"NQ", "QĐ", "CT", "KL", "QC", "CTr"}


def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@dataclass
class Stats:
    documents: int = 0
    pdf_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


class Records:
    """Makes the records of one demo run; ``small`` keeps every state but fewer documents."""

    def __init__(self, rng: random.Random, namer: names.Namer, users: dict, small: bool = False):
        self.rng, self.namer, self.small = rng, namer, small
        self.users = users
        self.today = timezone.localdate()
        self.stats = Stats()
        self.used_numbers: dict[tuple, set[int]] = {}
        self.issuers: dict[str, content.Issuer] = content.central_issuers(namer)
        self.doc_types: dict[tuple[int, str], DocumentType] = {}
        self.retentions: dict[tuple[int, int | None], RetentionRule] = {}
        # What the catalogue says of each planned file (its documents, its secrecy), by item pk.
        self.specs: dict[int, Item] = {}

    # ------------------------------------------------------------ lookups

    def u(self, username: str):
        return self.users[username]

    def refresh_users(self) -> None:
        self.users = {k: fresh(v) for k, v in self.users.items()}

    def org(self, code: str) -> Organization:
        return Organization.objects.select_related("fonds").get(code=code)

    def retention(self, org: Organization, years: int | None) -> RetentionRule:
        profile = profile_for(org)
        key = (profile.pk, years)
        if key not in self.retentions:
            qs = RetentionRule.objects.filter(profile=profile)
            self.retentions[key] = (
                qs.get(period=RetentionRule.Period.PERMANENT)
                if years is None
                else qs.get(period=RetentionRule.Period.YEARS, years=years)
            )
        return self.retentions[key]

    def doc_type(self, org: Organization, abbrev: str) -> DocumentType:
        profile = profile_for(org)
        key = (profile.pk, abbrev)
        if key not in self.doc_types:
            self.doc_types[key] = DocumentType.objects.get(
                profile=profile, name=content.TYPE_NAMES[abbrev]
            )
        return self.doc_types[key]

    def add_issuer(self, key: str, issuer: content.Issuer) -> None:
        self.issuers[key] = issuer

    def issuer(self, key: str, org: Organization, day: dt.date) -> content.Issuer:
        if key == "self":
            key = org.code
        elif key == "parent":
            key = "D03" if day <= LAST_DAY_OF_DISTRICTS else "TU"
        issuer = self.issuers[key]
        if key.startswith("D03.") and day >= REATTACH_DAY:
            # A commune's superior is the Party organization above it on that day.
            issuer = content.Issuer(
                **{**issuer.__dict__, "superior": f"ĐẢNG BỘ TỈNH {names.PROVINCE.upper()}"}
            )
        return issuer

    def number_for(self, issuer: content.Issuer, type_abbrev: str, day: dt.date) -> int:
        """A number that grows with the date within the term, never reused in its series."""
        start = max([s for s in TERM_STARTS if s <= day], default=dt.date(2010, 10, 16))
        # Numbers restart each term, but the registry warns on a repeated number and
        # symbol whatever the term, so the demo never repeats one.
        used = self.used_numbers.setdefault((issuer.key, type_abbrev), set())
        n = 1 + (day - start).days // (30 if type_abbrev in RARE_TYPES else 10)
        while n in used:
            n += 1
        used.add(n)
        return n

    # ------------------------------------------------------------ dates

    def dates(
        self,
        year: int,
        count: int,
        *,
        first: tuple[int, int] = (1, 8),
        last: tuple[int, int] = (12, 20),
        cap: dt.date | None = None,
    ) -> list[dt.date]:
        lo = dt.date(year, *first)
        hi = min(dt.date(year, *last), self.today - dt.timedelta(days=1), cap or dt.date.max)
        span = max((hi - lo).days, 0)
        return sorted(lo + dt.timedelta(days=self.rng.randint(0, span)) for _ in range(count))

    # ------------------------------------------------------------ plans

    def make_plan(
        self,
        org: Organization,
        year: int,
        spec: tuple[Heading, ...],
        *,
        drafter,
        head,
        creators: list,
        issue: bool = True,
    ) -> list[FilePlanItem]:
        """Draft a plan with its headings and items; approve and issue it in January."""
        plan = filing.create_plan(drafter, org, year)
        items: list[FilePlanItem] = []
        n = 0

        def add(heading, item: Item) -> None:
            nonlocal n
            if item.years and year not in item.years:
                return
            creator = creators[0] if item.secret else creators[n % len(creators)]
            n += 1
            items.append(
                filing.add_item(
                    drafter,
                    plan,
                    heading,
                    title=item.title.format(y=year),
                    retention=self.retention(org, item.retention),
                    creator=creator.person,
                    note=item.note,
                )
            )
            self.specs[items[-1].pk] = item

        for h in spec:
            major = filing.add_heading(drafter, plan, title=h.title, abbrev=h.abbrev)
            for item in h.items:
                add(major, item)
            for sub_title, sub_items in h.subs:
                sub = filing.add_heading(drafter, plan, title=sub_title, parent=major)
                for item in sub_items:
                    add(sub, item)
        if issue:
            filing.approve_plan(head, plan)
            decision_day = dt.date(year, 1, self.rng.randint(5, 20))
            number = f"{self.rng.randint(2, 40):02d}-QĐ/{org.issuer_abbrev}"
            filing.issue_plan(head, plan, decision_number=number, decision_date=decision_day)
        # Items in plan order with their codes (the service renumbers as it goes).
        return list(FilePlanItem.objects.filter(plan=plan).order_by("order"))

    # ------------------------------------------------------------ documents

    def pdf(
        self, org: Organization, doc: Doc, day: dt.date, *, secret: bool
    ) -> tuple[bytes, dict, str]:
        import time

        issuer = self.issuer(doc.issuer, org, day)
        number = self.number_for(issuer, doc.type, day)
        subject = doc.subject.format(y=day.year)
        t = time.perf_counter()
        data, pages = render(
            content.make_document(
                self.rng,
                issuer,
                doc.type,
                number,
                day,
                subject,
                secret=secret,
                urgent=self.rng.random() < 0.05,
            )
        )
        self.stats.pdf_seconds += time.perf_counter() - t
        meta = {
            "doc_type": self.doc_type(org, doc.type).pk,
            "symbol": f"{number:02d}-{doc.type}/{issuer.abbrev}",
            "issued_date": day,
            "organ_name": issuer.organ_name,
            "subject": subject[:1].upper() + subject[1:],
            "signer_full_name": issuer.signer,
            "signer_position": (issuer.position or issuer.authority).capitalize(),
            "page_amount": pages,
            "secrecy": 1 if secret else 0,
            "urgency": 0,
        }
        filename = _ascii(f"{number:02d}-{doc.type}-{issuer.abbrev}-{day:%Y%m%d}.pdf")
        return data, meta, filename

    def upload(self, actor, dossier: Dossier, doc: Doc, day: dt.date, *, secret: bool = False):
        data, meta, filename = self.pdf(dossier.org, doc, day, secret=secret)
        document, warnings = filing.upload_to_dossier(
            actor, dossier, content=io.BytesIO(data), filename=filename, metadata=meta
        )
        self.stats.documents += 1
        self.stats.warnings += warnings
        return document

    def loose(self, actor, org: Organization, doc: Doc, day: dt.date):
        """A document taken in but filed in no dossier (what the report calls "bó gói")."""
        data, meta, filename = self.pdf(org, doc, day, secret=False)
        direction = Direction.INTERNAL if doc.issuer == "self" else Direction.INCOMING
        document, warnings = create_document(
            actor,
            org,
            content=io.BytesIO(data),
            filename=filename,
            metadata=meta,
            direction=direction,
        )
        self.stats.documents += 1
        self.stats.warnings += warnings
        return document

    # ------------------------------------------------------------ dossiers

    def form(
        self,
        item: FilePlanItem,
        year: int,
        *,
        cap: dt.date | None = None,
        last: tuple[int, int] = (12, 20),
    ) -> Dossier:
        """Open the dossier of a planned file and collect its documents, in date order."""
        actor = self.actor_for(item.creator)
        dossier = filing.open_dossier_from_plan(actor, item)
        spec = self.specs[item.pk]
        docs = list(spec.docs)
        if not self.small:
            docs += self.rng.sample(catalogue.EXTRAS, self.rng.randint(0, 2))
        dated = self.doc_dates(docs, year, cap=cap, last=last)
        if self.small:
            dated = dated[:1]
        for doc, day in dated:
            self.upload(actor, dossier, doc, day, secret=spec.secret)
        dossier.refresh_from_db()
        return dossier

    def doc_dates(
        self, docs: list[Doc], year: int, *, cap: dt.date | None, last: tuple[int, int]
    ) -> list[tuple[Doc, dt.date]]:
        """A date for each document: in its usual month if it has one, else any
        time in the year; documents that would fall after ``cap`` or today are left out."""
        lo = dt.date(year, 1, 8)
        hi = min(dt.date(year, *last), self.today - dt.timedelta(days=1), cap or dt.date.max)
        out = []
        for doc in docs:
            a, b = (
                (dt.date(year, doc.month, 1), min(dt.date(year, doc.month, 25), hi))
                if doc.month
                else (lo, hi)
            )
            if a <= b:
                out.append((doc, a + dt.timedelta(days=self.rng.randint(0, (b - a).days))))
        if not out:
            out = [(docs[0], lo + dt.timedelta(days=self.rng.randint(0, max((hi - lo).days, 0))))]
        return sorted(out, key=lambda pair: pair[1])

    def actor_for(self, person):
        return next(
            u
            for u in self.users.values()
            if getattr(u, "person", None) and u.person.pk == person.pk
        )

    def close(self, dossier: Dossier, *, end: dt.date | None = None) -> Dossier:
        actor = self.actor_for(dossier.creator)
        latest = (
            dossier.items.filter(removed_at__isnull=True)
            .order_by("-document__issued_date")
            .values_list("document__issued_date", flat=True)
            .first()
        )
        assert latest is not None, "a demo dossier is closed once it holds dated documents"
        end = end or min(
            latest + dt.timedelta(days=self.rng.randint(1, 12)), self.today - dt.timedelta(days=1)
        )
        return filing.close_dossier(
            actor, dossier, end_date=max(end, latest), confirm_retention=True
        )

    def deposit(self, actor, org: Organization, dossiers: list[Dossier], *, note: str = ""):
        dep = archive.create_deposit(actor, org, dossiers, note=note)
        return archive.submit_deposit(actor, dep)

    # ------------------------------------------------------------ the 2015–2016 holdings

    def deposited_before_system(
        self,
        office: Organization,
        specs: list[tuple[str, str, int | None, list[Doc]]],
        *,
        year: int,
        deposited: dt.datetime,
        note: str,
    ) -> list[Dossier]:
        """Dossiers of ``year`` (file notation, title, retention in years or None for
        permanent, documents) opened, filled, closed, deposited and accepted through
        the services; then dated as entering the agency archive on ``deposited``,
        before the system existed (what the holdings say), which is what makes
        them due for appraisal or transfer now."""
        official, archivist = self.u("canbo.vp"), self.u("luutru.tu")
        made = []
        for notation, title, years, docs in specs:
            d = filing.open_dossier(
                official,
                office,
                title=title,
                file_notation=notation,
                retention=self.retention(office, years),
                creator=official.person,
                start_date=dt.date(year, 1, 3),
                year=year,
            )
            for doc, day in self.doc_dates(docs, year, cap=None, last=(12, 10)):
                self.upload(official, d, doc, day)
            made.append(self.close(d, end=dt.date(year, 12, 28)))
        archive.accept_deposit(archivist, self.deposit(official, office, made, note=note))
        Dossier.objects.filter(pk__in=[d.pk for d in made]).update(
            archived_at=timezone.make_aware(deposited)
        )
        return made

    def old_holdings(self, office: Organization) -> None:
        """Three dossiers of 2015–2016, deposited and accepted; then marked as
        transferred to the historical archive or destroyed. No service exists
        for transfer or destruction yet: the status is set directly, because
        these stand for records moved or destroyed BEFORE the system existed;
        each change is written to the audit log."""
        official, archivist = self.u("canbo.vp"), self.u("luutru.tu")
        specs = [
            (
                2015,
                "01.VP",
                "Hồ sơ Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2015–2020",
                None,
                [
                    Doc(
                        "NQ",
                        "TU",
                        "Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2015–2020",
                        10,
                    ),
                    Doc("BB", "TU", "về kiểm phiếu bầu Ban Chấp hành Đảng bộ tỉnh khóa XV", 10),
                ],
                DossierStatus.TRANSFERRED,
            ),
            (
                2015,
                "04.VP",
                "Kế hoạch, báo cáo công tác năm 2015 của Văn phòng Tỉnh ủy",
                None,
                [Doc("BC", "VPTU", "về tổng kết công tác năm 2015", 12)],
                DossierStatus.TRANSFERRED,
            ),
            (
                2016,
                "06.VP",
                "Báo cáo tháng, quý năm 2016",
                5,
                [
                    Doc("BC", "VPTU", "về kết quả công tác quý I năm 2016", 4),
                    Doc("BC", "VPTU", "về kết quả công tác quý II năm 2016", 7),
                ],
                DossierStatus.DESTROYED,
            ),
        ]
        made = []
        for year, notation, title, years, docs, final in specs:
            d = filing.open_dossier(
                official,
                office,
                title=title,
                file_notation=notation,
                retention=self.retention(office, years),
                creator=official.person,
                start_date=dt.date(year, 1, 5),
                year=year,
            )
            for doc, day in self.doc_dates(docs, year, cap=None, last=(12, 10)):
                self.upload(official, d, doc, day)
            made.append((self.close(d, end=dt.date(year, 12, 30)), final))
        dep = self.deposit(
            official, office, [d for d, _ in made], note="Hồ sơ, tài liệu năm 2015–2016"
        )
        archive.accept_deposit(archivist, dep)
        for d, final in made:
            detached: list[int] = []
            if final == DossierStatus.DESTROYED:
                # Destruction purges the content and keeps the metadata (DOMAIN.md §5).
                contents = Document.objects.filter(dossier_items__dossier=d)
                detached = list(contents.values_list("pk", flat=True))
                shas = [sha for sha in contents.values_list("blob_id", flat=True) if sha]
                Document.objects.filter(pk__in=detached).update(blob=None)
                # The bytes go through storage's one removal path, so no row is left
                # naming nothing (``luutru fixity`` reported two orphans before).
                remove_blobs(
                    archivist,
                    shas,
                    reason="Dữ liệu mẫu: tiêu hủy năm 2022, trước khi có hệ thống",
                    org_id=office.pk,
                )
            if final == DossierStatus.TRANSFERRED:
                note = (
                    "Dữ liệu mẫu: hồ sơ đã nộp vào Kho Lưu trữ Tỉnh ủy (lưu trữ lịch sử) năm 2021, "
                    "trước khi có hệ thống; ghi nhận lại trạng thái."
                )
            else:
                note = (
                    "Dữ liệu mẫu: hồ sơ hết thời hạn bảo quản, đã tiêu hủy theo quyết định năm 2022 "
                    "(trước khi có hệ thống); ghi nhận lại trạng thái, giữ siêu dữ liệu."
                )
            # Through the dossier's lifecycle, as any move: audited, announced to search
            # and compliance (the demo wrote the status itself before).
            archive.record_earlier_disposition(
                archivist, d, final, note=note, content_purged=detached
            )
