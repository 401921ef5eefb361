"""Plans built for the tests: an empty programme in a new region, and files to upload."""

import io

from programmes.models import Programme, Region


def empty_programme(slug: str = "testregio") -> Programme:
    region = Region.objects.create(name=f"Regio {slug}", slug=slug)
    return Programme.objects.create(region=region, title="Leeg actieprogramma")


def as_upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def bytes_io(data: bytes):
    return io.BytesIO(data)
