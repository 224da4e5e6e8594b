from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "luutru.filing"
    label = "filing"
    verbose_name = "Lập hồ sơ"
