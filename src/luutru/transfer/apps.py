from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "luutru.transfer"
    label = "transfer"
    verbose_name = "Nộp lưu vào Lưu trữ lịch sử"
