from django.apps import AppConfig


class CaptureConfig(AppConfig):
    name = "luutru.capture"
    label = "capture"
    verbose_name = "Thu nhận"
