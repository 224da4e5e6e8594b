from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "luutru.compliance"
    label = "compliance"
