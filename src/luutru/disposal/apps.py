from django.apps import AppConfig


class DisposalConfig(AppConfig):
    name = "luutru.disposal"
    label = "disposal"
    verbose_name = "Xác định giá trị, tiêu hủy"
