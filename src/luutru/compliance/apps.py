from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "luutru.compliance"
    label = "compliance"
    verbose_name = "Tuân thủ"

    def ready(self) -> None:
        # Models are loaded only now: the receivers import the stages' models.
        from luutru.compliance import signals

        signals.connect()
