from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "luutru.filing"
    label = "filing"
    verbose_name = "Lập hồ sơ"

    def ready(self) -> None:
        # A dossier follows its documents' secrecy; the registry only signals it.
        from luutru.filing import secrecy

        secrecy.connect()
