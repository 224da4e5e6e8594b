from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "luutru.deadlines"
    verbose_name = "Hạn và thông báo"
