"""Production serves static files through WhiteNoise's manifest storage, which rewrites every
url() in every stylesheet: one reference it cannot resolve (even inside a comment) stops
`collectstatic`, and so the image build and the deploy. Checked here in seconds, not only by
the end-to-end run."""

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_manifest_storage_resolves_every_stylesheet_reference(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=str(tmp_path)):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    hashed = [p.name for p in (tmp_path / "css").glob("nlds.*.css")]
    assert hashed, "the NL Design System stylesheet is collected under a hashed name"
