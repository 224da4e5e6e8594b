from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "luutru.forms"
    label = "forms"
    verbose_name = "Biểu mẫu"
