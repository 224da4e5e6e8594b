from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "luutru.compliance"
    label = "compliance"
    verbose_name = "Tuân thủ"
