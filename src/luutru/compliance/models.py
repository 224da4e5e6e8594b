"""Derived facts behind the compliance figures: rebuilt from the records, never typed.

The figures of a province (5 million documents) cannot be recounted from the
records on every page; these tables hold what each dossier and each
(organization, year) contributes, derived by ``compliance.facts``. They are
refreshed by the worker, never by a page: a change to the records marks the
bodies it touches stale (``StaleFacts``, a row written in the same transaction)
and enqueues one refresh task (``compliance.refresh``); pages read the stored
facts and say when they were computed, and whether an update is under way.
"""

from __future__ import annotations

from django.db import models


class Problem:
    """Quality problems of a dossier, as bits of ``DossierFacts.problems``."""

    EMPTY = 1
    NO_INDEX = 2
    NO_CERTIFICATE = 4
    DATES_OUTSIDE = 8
    OUT_OF_ORDER = 16
    CITED_MISSING = 32

    LABELS = {
        EMPTY: "Hồ sơ không có văn bản",
        NO_INDEX: "Đã kết thúc, hồ sơ vĩnh viễn nhưng thiếu mục lục văn bản",
        NO_CERTIFICATE: "Đã kết thúc nhưng thiếu chứng từ kết thúc",
        DATES_OUTSIDE: "Có văn bản ngày tháng nằm ngoài thời gian của hồ sơ",
        OUT_OF_ORDER: "Văn bản không xếp theo trình tự thời gian",
        CITED_MISSING: "Văn bản được dẫn (căn cứ) không có trong hồ sơ",
    }
    KEYS = {
        EMPTY: "empty",
        NO_INDEX: "no_index",
        NO_CERTIFICATE: "no_certificate",
        DATES_OUTSIDE: "dates_outside",
        OUT_OF_ORDER: "out_of_order",
        CITED_MISSING: "cited_missing",
    }

    @classmethod
    def labels(cls, mask: int) -> list[str]:
        return [label for bit, label in cls.LABELS.items() if mask & bit]


class DossierFacts(models.Model):
    """What one dossier contributes to the figures (one row per dossier)."""

    dossier = models.OneToOneField(
        "filing.Dossier", primary_key=True, on_delete=models.CASCADE, related_name="facts"
    )
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    creator = models.ForeignKey(
        "orgs.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    planned = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)
    requires_deposit = models.BooleanField(default=False)
    due = models.DateField(null=True)
    # First day the dossier is overdue (day after the due date, or after a keep-back).
    overdue_from = models.DateField(null=True)
    # Day it was handed to the archive (deposit submitted, not returned).
    handed_on = models.DateField(null=True)
    # First day it is no longer overdue (handed over after falling overdue), so that
    # "overdue on D" = #(overdue_from ≤ D) − #(overdue_end ≤ D).
    overdue_end = models.DateField(null=True)
    accepted_on = models.DateField(null=True)
    kept_back = models.BooleanField(default=False)
    problems = models.PositiveSmallIntegerField(default=0)
    doc_count = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["org", "year"]),
            models.Index(fields=["creator", "year"]),
            # Covering indexes: "what happened after day D" is a range read on
            # the date alone, counted per body or year without visiting the rows.
            models.Index(fields=["overdue_from", "org", "year"]),
            models.Index(fields=["overdue_end", "org", "year"]),
            models.Index(fields=["accepted_on", "org", "year"]),
            models.Index(fields=["handed_on", "requires_deposit", "org", "year", "due"]),
        ]


class OrgYearFacts(models.Model):
    """What one organization's documents, file plan and dossiers of one year
    contribute; dossier counts are final (as if asked at the end of time): a
    question about an earlier day subtracts what happened after it."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    plan_state = models.CharField(max_length=10, blank=True)
    plan_issued_on = models.DateField(null=True)
    plan_items = models.PositiveIntegerField(default=0)
    plan_items_opened = models.PositiveIntegerField(default=0)
    documents_in = models.PositiveIntegerField(default=0)
    documents_out = models.PositiveIntegerField(default=0)
    documents_internal = models.PositiveIntegerField(default=0)
    loose_documents = models.PositiveIntegerField(default=0)
    dossiers_opened = models.PositiveIntegerField(default=0)
    dossiers_outside_plan = models.PositiveIntegerField(default=0)
    dossiers_closed = models.PositiveIntegerField(default=0)
    deposit_required = models.PositiveIntegerField(default=0)
    kept_back = models.PositiveIntegerField(default=0)
    handed_on_time = models.PositiveIntegerField(default=0)
    handed_late = models.PositiveIntegerField(default=0)
    overdue_starts = models.PositiveIntegerField(default=0)
    overdue_ends = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    quality_problems = models.PositiveIntegerField(default=0)
    quality_empty = models.PositiveIntegerField(default=0)
    quality_no_index = models.PositiveIntegerField(default=0)
    quality_no_certificate = models.PositiveIntegerField(default=0)
    quality_dates_outside = models.PositiveIntegerField(default=0)
    quality_out_of_order = models.PositiveIntegerField(default=0)
    quality_cited_missing = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_facts_row_per_org_year")
        ]


class FactsState(models.Model):
    """One row: when the facts were last refreshed, under which rules' version
    (a changed rule rebuilds everything), and a token that names this state of
    the facts (a new random one at every refresh: caches key on it)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    rules_version = models.CharField(max_length=64, blank=True)
    token = models.CharField(max_length=32, blank=True)
    rebuilt_at = models.DateTimeField(null=True)


class StaleFacts(models.Model):
    """A body whose facts no longer match its records (``org`` None: every body).

    Written in the transaction that changed the records; the refresh deletes
    exactly the rows it has applied, so a mark written meanwhile stays."""

    # No database constraint: a body deleted in the same transaction still leaves
    # its mark (the refresh then finds nothing to derive for it).
    org = models.ForeignKey(
        "orgs.Organization",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    marked_at = models.DateTimeField(auto_now_add=True)
