from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "luutru.capture"
    label = "capture"
    verbose_name = "Thu nhận"

    def ready(self) -> None:
        from luutru.capture import access_kinds, indexing  # models are loaded only now

        access_kinds.register()
        indexing.register()
