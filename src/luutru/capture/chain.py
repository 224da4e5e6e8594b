"""Capture as a chain of steps, in the shape of Paperless-ngx's consume plug-ins.

Each step is a class (``CaptureStep``): it says whether it applies to the item
as it stands (``able_to_run``), is set up, runs, is cleaned up, and reports its
progress on the item (``report``), where the batch page and the API show it.
The chain is one ordered list of dotted paths, the setting ``CAPTURE_STEPS``
(``DEFAULT_STEPS`` when unset); adding a step is one class and one list entry,
with no edit to capture.

A step passes what it found to the later ones on ``Work`` (the parsed fields,
the reasons a person must look). It ends the item early by raising ``Stop``
(a duplicate, a file that cannot be read: ``work.fail(reason)``), or lets the
item wait in another queue by raising ``HandedOff``. Any other exception fails
the item with a Vietnamese reason naming the step; the other items go on.

Restart safety comes from the steps themselves: each one's ``able_to_run``
looks at what the item's row already holds (its text, its document), so a
rerun after a kill skips what was committed and redoes only the rest.

In a batch (``pipeline.process_items``, what ``luutru import`` runs), items
go through the chain together: the steps that only read (``reads_only``: the
file, the rules) run for several items outside any transaction, then the
rest run for all of them in one transaction, each item in its own savepoint.
Saves of steps whose ``saves_wait`` is set are kept on ``Work`` and written
once, with the item's end; a step that must be seen while it runs (OCR, a
configured step) gets what waited written before it starts, and its own
saves at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import NoReturn

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from luutru.capture.models import ImportItem, ItemState, Step
from luutru.storage.services import open_blob

DEFAULT_STEPS = [
    "luutru.capture.builtin_steps.ExtractText",
    "luutru.capture.builtin_steps.RecogniseText",
    "luutru.capture.builtin_steps.ReadHeader",
    "luutru.capture.builtin_steps.FindDuplicate",
    "luutru.capture.builtin_steps.CheckSignatures",
    "luutru.capture.builtin_steps.RegisterDocument",
]


class Stop(Exception):
    """A step ends the item here, in ``state`` with ``reason`` (no later step runs)."""

    def __init__(self, state: str, reason: str = "") -> None:
        super().__init__(reason)
        self.state = state
        self.reason = reason


class HandedOff(Exception):
    """The item waits in another queue (OCR); this process lets it go unfinished."""


_WHOLE_ROW = "*"


class Work:
    """One run of the chain over one claimed item: the item, its bytes (read once,
    when a step asks) and what the steps found for the later ones."""

    def __init__(self, item: ImportItem, *, inline_ocr: bool = True, batched: bool = False) -> None:
        self.item = item
        self.inline_ocr = inline_ocr
        # In a batch: the chain pauses before the first step that is not ``reads_only``
        # (``run_chain(before_transaction=True)``) and saves may wait (``save``).
        self.batched = batched
        self.deferred = False
        self.position = 0  # the next step of ``configured_steps()`` to consider
        self._waiting: set[str] = set()
        self._before: list[Callable[[], None]] = []
        self._data: bytes | None = None
        # Header fields as JSON, the metadata for the registry, low-confidence labels.
        self.fields: dict = {}
        self.metadata: dict = {}
        self.low: list[str] = []
        # Why a person must look before the document counts (in the order found).
        self.reasons: list[str] = []
        self.findings: list = []  # the PDF's signatures (``signatures.Finding``)
        # In a batch: the first document of each (blob, body) registered before the
        # chunk was read, asked once for the chunk (``FindDuplicate``); None: ask.
        self.registered: dict[tuple[str | None, int], int] | None = None

    def data(self) -> bytes:
        """The file's bytes (read from the blob store the first time)."""
        if self._data is None:
            blob = self.item.blob
            assert blob is not None  # the runner fails an item without a file before any step
            with open_blob(blob) as f:
                self._data = f.read()
        return self._data

    def save(self, *fields: str, before: Callable[[], None] | None = None) -> None:
        """Write these fields of the item; ``before`` first, in the same transaction
        (a blob the row names). While saves wait (a batch), both are kept for ``flush``."""
        if self.deferred:
            self._waiting.update(fields)
            if before is not None:
                self._before.append(before)
            return
        if before is None:
            self.item.save(update_fields=[*fields, "updated_at"])
            return
        with transaction.atomic():
            before()
            self.item.save(update_fields=[*fields, "updated_at"])

    def save_row(self) -> None:
        """Write every field of the item (or, while saves wait, at ``flush``)."""
        if self.deferred:
            self._waiting.add(_WHOLE_ROW)
        else:
            self.item.save()

    def flush(self, *, row: bool = True) -> None:
        """Write what waited as one save of the row (``row`` False: only what must
        come before it, for a caller about to save the whole row itself)."""
        fields, before = self._waiting, self._before
        self._waiting, self._before = set(), []
        if not (before or (row and fields)):
            return
        with transaction.atomic():
            for write in before:
                write()
            if not row:
                return
            if _WHOLE_ROW in fields:
                self.item.save()
            else:
                self.item.save(update_fields=[*fields, "updated_at"])

    def fail(self, reason: str) -> NoReturn:
        """End the item as not taken in, with ``reason`` (Vietnamese, what to do)."""
        raise Stop(ItemState.FAILED, reason)


class CaptureStep:
    """One step of the chain (subclass it; set ``name``, ``label``, ``progress``)."""

    # Kept in the item's ``step`` while the step runs (at most 40 characters).
    name: str = ""
    # Shown in the batch's "Bước" column and in a failure's reason (Vietnamese).
    label: str = ""
    # The item's progress (0–100) as the step starts.
    progress: int = 0
    # In a batch: may the step run before the batch's transaction? Only if it reads
    # (the file, the rules, other rows) and writes nothing but the item's own
    # fields, through ``work.save``.
    reads_only: bool = False
    # In a batch: may the step's ``work.save`` wait for the item's end? Not for a
    # step that reads the item's row back or is slow enough to show its progress.
    saves_wait: bool = False

    def __init__(self, work: Work) -> None:
        self.work = work
        self.item = work.item

    @property
    def able_to_run(self) -> bool:
        """Does this step apply to the item as it stands? (A rerun skips what is done.)"""
        return True

    def setup(self) -> None:
        """Prepare (temporary folders, connections); ``cleanup`` always follows."""

    def run(self) -> None:
        raise NotImplementedError

    def cleanup(self) -> None:
        """Undo what ``setup`` made; runs whether ``run`` ended well or not."""

    def report(self, progress: int) -> None:
        """Say how far the item got (0–100), shown on the batch page and in the API."""
        self.item.step = self.name
        self.item.progress = max(0, min(int(progress), 99))
        self.work.save("step", "progress")


@functools.cache
def _load(paths: tuple[str, ...]) -> tuple[type[CaptureStep], ...]:
    steps = tuple(import_string(p) for p in paths)
    for path, step in zip(paths, steps, strict=True):
        if not (isinstance(step, type) and issubclass(step, CaptureStep)) or not step.name:
            raise TypeError(f"{path} is not a CaptureStep with a name")
        if len(step.name) > (ImportItem._meta.get_field("step").max_length or 0):
            raise TypeError(f"{path}: step name {step.name!r} is too long")
    return steps


def configured_steps() -> Sequence[type[CaptureStep]]:
    """The chain in order: ``settings.CAPTURE_STEPS``, else ``DEFAULT_STEPS``."""
    return _load(tuple(getattr(settings, "CAPTURE_STEPS", None) or DEFAULT_STEPS))


def step_label(name: str) -> str:
    """The Vietnamese label of a step's name (built-in or configured)."""
    try:
        configured = configured_steps()
    except (ImportError, TypeError):  # a mistyped CAPTURE_STEPS: the runner says so per item
        configured = ()
    for step in configured:
        if step.name == name:
            return step.label
    return dict(Step.choices).get(name, name)


def run_chain(work: Work, *, before_transaction: bool = False) -> tuple[str, str] | None:
    """Run every step that applies, in order, from ``work.position``; return the
    item's end state and reason. With ``before_transaction`` (a batch), stop before
    the first step that is not ``reads_only`` and return None: the rest runs when
    called again, inside the batch's transaction.

    Raises ``HandedOff`` when a step hands the item to another queue, and lets any
    other exception through (the caller fails the item, naming the step)."""
    item = work.item
    steps = configured_steps()
    while work.position < len(steps):
        step_class = steps[work.position]
        if before_transaction and not step_class.reads_only:
            return None
        work.position += 1
        step = step_class(work)
        if not step.able_to_run:
            continue
        if work.batched:
            if not step_class.saves_wait:
                work.flush()  # a step that must be seen: what waited is written first
            work.deferred = step_class.saves_wait
        step.report(step.progress)
        step.setup()
        try:
            step.run()
        except Stop as stop:
            return stop.state, stop.reason
        finally:
            step.cleanup()
    # What the steps committed as reasons to look (``item.reason``, kept with the
    # document) and what later steps added: any of them sends the item to review.
    reason = " ".join(r for r in (item.reason, *work.reasons) if r)
    return (ItemState.REVIEW if reason else ItemState.DONE), reason
