from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "luutru.filing"
    label = "filing"
    verbose_name = "Lập hồ sơ"

    def ready(self) -> None:
        # Models are loaded only now: the lifecycle and secrecy modules import them.
        from luutru.filing import lifecycle, secrecy

        lifecycle.register_filing_edges()
        # A dossier follows its documents' secrecy; the registry only signals it.
        secrecy.connect()
        from luutru.filing import access_kinds, indexing  # models are loaded only now

        access_kinds.register()
        indexing.register()
