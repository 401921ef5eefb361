from django.core.files.uploadedfile import SimpleUploadedFile

from programmes.documents import services
from programmes.documents.uploads import inspect_upload
from tests.documents import files


def attach(parent, title="Raadsvoorstel actieplan", kind="raadsvoorstel", text=None, user=None):
    """A document with one version (a small PDF with `text`) on `parent`."""
    data = files.pdf(text or f"{title} tekst")
    return services.add_document(
        parent,
        title=title,
        kind=kind,
        date=None,
        checked=inspect_upload("stuk.pdf", data),
        data=data,
        user=user,
    )


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
