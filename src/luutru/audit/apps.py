from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "luutru.audit"
    label = "audit"
    verbose_name = "Nhật ký"
