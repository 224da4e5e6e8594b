"""Issue 12: the registry desk: incoming registration, routing, handling."""

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luutru.desk"
    label = "desk"
    verbose_name = "Văn thư: văn bản đến, chuyển, giao xử lý"

    def ready(self) -> None:
        from luutru.desk import access_kinds  # models are loaded only now

        access_kinds.register()
