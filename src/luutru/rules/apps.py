from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "luutru.rules"
    label = "rules"
    verbose_name = "Quy tắc"
