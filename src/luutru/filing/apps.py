from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "luutru.filing"
    label = "filing"
