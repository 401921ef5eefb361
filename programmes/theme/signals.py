"""A region's theme version is cached for the page links (services.known_version); any change
to what the theme's CSS says forgets it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _changed(sender, instance, **kwargs) -> None:
    from .services import forget

    region_id = instance.pk if sender._meta.model_name == "region" else instance.region_id
    transaction.on_commit(lambda: forget(region_id))


def connect() -> None:
    from programmes.models import Region

    from .models import RegionTheme

    post_save.connect(_changed, sender=Region, dispatch_uid="theme-region-saved")
    post_save.connect(_changed, sender=RegionTheme, dispatch_uid="theme-saved")
    post_delete.connect(_changed, sender=RegionTheme, dispatch_uid="theme-deleted")
