from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "luutru.access"
    label = "access"
    verbose_name = "Phân quyền"
