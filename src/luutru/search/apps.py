from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "luutru.search"
    label = "search"
    verbose_name = "Tìm kiếm"
    # The stages register what they index (their ``indexing.py``): search connects nothing.
