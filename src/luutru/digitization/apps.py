from django.apps import AppConfig


class DigitizationConfig(AppConfig):
    name = "luutru.digitization"
    label = "digitization"
    verbose_name = "Số hóa hồ sơ giấy"
