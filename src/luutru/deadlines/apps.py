from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "luutru.deadlines"
    verbose_name = "Hạn và thông báo"

    def ready(self) -> None:
        from luutru.archive.signals import dossier_returned  # in ready(): apps are loaded now
        from luutru.deadlines.services import notify_dossier_returned

        dossier_returned.connect(notify_dossier_returned, dispatch_uid="deadlines.returned")

        from luutru.deadlines.services import notify_fixity_failed
        from luutru.preservation.signals import fixity_failed

        fixity_failed.connect(notify_fixity_failed, dispatch_uid="deadlines.fixity")

        from luutru.deadlines.services import notify_backup_failed
        from luutru.preservation.signals import backup_failed

        backup_failed.connect(notify_backup_failed, dispatch_uid="deadlines.backup")
