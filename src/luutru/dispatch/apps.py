"""Issue 12: outgoing documents: draft, approve, issue, send over the network and by package."""

from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "luutru.dispatch"
    label = "dispatch"
    verbose_name = "Văn bản đi: soạn, duyệt, phát hành, gửi"

    def ready(self) -> None:
        from luutru.dispatch import access_kinds, handover  # models are loaded only now

        access_kinds.register()
        # A leaving official's drafts are handed over with their other open work.
        handover.register_drafts()
