from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "luutru.dispatch"
    label = "dispatch"
    verbose_name = "Văn bản đi: soạn, duyệt, phát hành, gửi"
