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
        # What a reorganization's preview counts for the bodies that end (orgs sits below).
        from luutru.filing.models import Dossier, DossierStatus
        from luutru.orgs.reorganize import register_count

        register_count(
            "Hồ sơ còn đang lập (kết thúc hoặc bàn giao trước ngày đóng phông)",
            lambda ids: Dossier.objects.filter(org_id__in=ids, status=DossierStatus.OPEN).count(),
        )
