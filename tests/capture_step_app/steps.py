"""Steps of a test app, each one class: capture is not edited to run them."""

from __future__ import annotations

from collections.abc import Callable

from luutru.capture.chain import CaptureStep
from luutru.capture.models import ImportItem

# What the steps saw, in order (the test reads it): (step, event, detail).
SEEN: list[tuple[str, str, object]] = []
# Called while ``MarkReviewed`` runs, with the item's pk: the test looks at the
# batch page and the API then, as a person following the batch would.
observe: Callable[[int], None] | None = None

MARK_NOTE = "Bước thử nghiệm đã đánh dấu tệp."


class MarkReviewed(CaptureStep):
    """Marks a registered item with a note; runs once per item (a rerun skips it)."""

    name = "test_mark"
    label = "Đánh dấu thử nghiệm"
    progress = 93

    @property
    def able_to_run(self) -> bool:
        return MARK_NOTE not in self.item.notes

    def setup(self) -> None:
        SEEN.append((self.name, "setup", self.item.name))

    def run(self) -> None:
        row = ImportItem.objects.get(pk=self.item.pk)
        SEEN.append((self.name, "row", (row.state, row.step, row.progress, row.document_id)))
        if observe is not None:
            observe(self.item.pk)
        self.report(97)
        row = ImportItem.objects.get(pk=self.item.pk)
        SEEN.append((self.name, "reported", row.progress))
        self.item.notes = [*self.item.notes, MARK_NOTE]
        self.work.save("notes")

    def cleanup(self) -> None:
        SEEN.append((self.name, "cleanup", self.item.name))


class Breaks(CaptureStep):
    """Breaks on files named ``hong*`` (a bug in a step, not in the file)."""

    name = "test_breaks"
    label = "Bước thử nghiệm bị lỗi"
    progress = 82

    @property
    def able_to_run(self) -> bool:
        return self.item.name.startswith("hong")

    def run(self) -> None:
        SEEN.append((self.name, "run", self.item.name))
        raise RuntimeError("a bug in a step")

    def cleanup(self) -> None:
        SEEN.append((self.name, "cleanup", self.item.name))


class Refuses(CaptureStep):
    """Refuses files named ``tu-choi*`` with its own reason, in Vietnamese."""

    name = "test_refuses"
    label = "Bước thử nghiệm từ chối"
    progress = 83

    @property
    def able_to_run(self) -> bool:
        return self.item.name.startswith("tu-choi")

    def run(self) -> None:
        self.work.fail("Bước thử nghiệm không nhận tệp này: hãy đổi tên tệp rồi nhập lại.")
