from django.apps import AppConfig


class PreservationConfig(AppConfig):
    name = "luutru.preservation"
    label = "preservation"
    verbose_name = "Bảo quản, sao lưu"
