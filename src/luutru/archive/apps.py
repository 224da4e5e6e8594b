from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "luutru.archive"
    label = "archive"
    verbose_name = "Lưu trữ"
