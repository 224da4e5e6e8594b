from django.apps import AppConfig


class HoldingsConfig(AppConfig):
    name = "luutru.holdings"
    label = "holdings"
    verbose_name = "Kho lưu trữ, tài liệu giấy"

    def ready(self) -> None:
        from luutru.holdings import access_kinds, indexing  # models are loaded only now

        access_kinds.register()
        indexing.register()
