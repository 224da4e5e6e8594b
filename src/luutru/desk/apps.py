from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luutru.desk"
    label = "desk"
    verbose_name = "Văn thư: văn bản đến, chuyển, giao xử lý"
