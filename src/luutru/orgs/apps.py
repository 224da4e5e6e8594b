from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "luutru.orgs"
    label = "orgs"
