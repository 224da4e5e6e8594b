from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "luutru.storage"
    label = "storage"
    verbose_name = "Lưu giữ tệp"
