from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "luutru.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from luutru.core import auth  # noqa: F401  (logins and logouts into the audit chain)
