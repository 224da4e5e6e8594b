from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "luutru.inspection"
    verbose_name = "Kiểm tra, hướng dẫn"
