from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "luutru.archive"
    label = "archive"
    verbose_name = "Lưu trữ"

    def ready(self) -> None:
        # Models are loaded only now: the lifecycle module imports them.
        from luutru.archive.lifecycle import register_archive_edges

        register_archive_edges()
        from luutru.archive import access_kinds  # models are loaded only now

        access_kinds.register()
