from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "luutru.orgs"
    label = "orgs"
    verbose_name = "Tổ chức"
