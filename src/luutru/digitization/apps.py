from django.apps import AppConfig


class DigitizationConfig(AppConfig):
    name = "luutru.digitization"
    label = "digitization"
    verbose_name = "Số hóa hồ sơ giấy"

    def ready(self) -> None:
        from luutru.digitization import queries  # models are loaded only now
        from luutru.holdings import indexing

        # A digitized dossier's text is searched in its paper dossier's own row.
        indexing.register_text(queries.texts)
