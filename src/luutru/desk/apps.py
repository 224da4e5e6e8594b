"""Issue 12: the registry desk: incoming registration, routing, handling."""

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "luutru.desk"
    label = "desk"
    verbose_name = "Văn thư: văn bản đến, chuyển, giao xử lý"

    def ready(self) -> None:
        from luutru.desk import access_kinds, handover  # models are loaded only now
        from luutru.orgs import role_ending

        access_kinds.register()
        # A role ends only once its holder's open work is handed over (issue 13 item 3).
        role_ending.register(handover.open_work_failures)
