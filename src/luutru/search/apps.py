from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "luutru.search"
    label = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from luutru.search import signals

        signals.connect()
