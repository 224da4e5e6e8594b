"""Issue 14: retention schedules, appraisal, holds, destruction."""

from django.apps import AppConfig


class DisposalConfig(AppConfig):
    name = "luutru.disposal"
    label = "disposal"
    verbose_name = "Xác định giá trị, tiêu hủy"

    def ready(self) -> None:
        # Models are loaded only now: these modules import them.
        from luutru.disposal import access_kinds, indexing
        from luutru.disposal.lifecycle import register_disposal_edges

        register_disposal_edges()
        access_kinds.register()
        indexing.register()
