from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "luutru.rules"
    label = "rules"
    verbose_name = "Quy tắc"

    def ready(self) -> None:
        from luutru.rules import signals  # models are loaded only once apps are ready

        signals.connect()
