from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "luutru.core"
    label = "core"
    verbose_name = "Hệ thống"
