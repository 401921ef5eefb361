from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    verbose_name = "Actieprogramma's"
    name = "programmes"

    def ready(self) -> None:
        # Documents attach to programmes; the higher apps register their own records.
        from .documents.register import register_attachables

        register_attachables()

        # Search finds programmes, their texts and action lines, and documents.
        from .search.sources import register_search_sources

        register_search_sources()

        # A region's theme version is cached for the page links; changes forget it.
        from .theme import checks  # noqa: F401  (registers the installation theme's check)
        from .theme.signals import connect as connect_theme_signals

        connect_theme_signals()
