from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "luutru.capture"
    label = "capture"
    verbose_name = "Thu nhận"

    def ready(self) -> None:
        from luutru.capture import access_kinds, indexing  # models are loaded only now

        access_kinds.register()
        indexing.register()
        # A document entered by hand in the registry gets its text read here
        # (registry sits below capture: it only signals).
        from luutru.capture.services import queue_document_text  # models load only now
        from luutru.registry.signals import document_entered  # models load only now

        document_entered.connect(
            lambda sender, document, **kwargs: queue_document_text(document),
            weak=False,
            dispatch_uid="capture-text-of-entered-document",
        )
