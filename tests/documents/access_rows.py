"""Documents and search: a document is seen by whoever sees its parent (here the adopted ZaWa
programme: everyone but the other region's projectleider) and added, versioned and deleted
by whoever may change the parent (its projectleider, the beheerder; readers 403). A meeting's
documents follow the meeting (ketenpartners and the Rijk 404). Search: every signed-in user;
the public search: every visitor."""

from tests.access import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, ROLES, Row, expect
from tests.documents import files
from tests.documents.helpers import attach, upload


def _programme_document(w):
    return {"pk": attach(w.zawa_programme).pk}


def _programme_version(w):
    return {"pk": attach(w.zawa_programme).versions.get().pk}


def _meeting_version(w):
    return {"pk": attach(w.zawa_ao_january, kind="agenda").versions.get().pk}


def _new_document(w):
    return {
        "title": "Raadsvoorstel",
        "kind": "raadsvoorstel",
        "upload": upload("voorstel.pdf", files.pdf("Voorstel aan de raad")),
    }


def _new_version(w):
    return {"upload": upload("voorstel-v2.pdf", files.pdf("Tweede versie"))}


READ_PROGRAMME = expect(OK, other_projectleider=NOT_FOUND)
READ_MEETING = expect(
    OK, other_projectleider=NOT_FOUND, veiligthuis=NOT_FOUND, politie=NOT_FOUND, rijk=NOT_FOUND
)


def _change(success):
    return expect(
        FORBIDDEN,
        projectleider=success,
        beheerder=success,
        other_projectleider=NOT_FOUND,
    )


# The API answers itself: what the caller may not see is 404, also without a login.
API_READ = {**READ_PROGRAMME, "anonymous": NOT_FOUND}

ROWS = [
    Row(
        "api:document-detail",
        kwargs=_programme_document,
        get=API_READ,
        post={role: NOT_ALLOWED for role in ROLES},
    ),
    Row("documents:detail", kwargs=_programme_document, get=READ_PROGRAMME),
    Row("documents:download", kwargs=_programme_version, get=READ_PROGRAMME),
    Row("documents:download", kwargs=_meeting_version, get=READ_MEETING, note="meeting"),
    Row(
        "documents:add",
        kwargs=lambda w: {"key": "programma", "pk": w.zawa_programme.pk},
        get=_change(OK),
        post=_change(REDIRECT),
        post_data=_new_document,
    ),
    Row(
        "documents:add",
        kwargs=lambda w: {"key": "vergadering", "pk": w.zawa_ao_january.pk},
        get={**_change(OK), **{r: NOT_FOUND for r in ("veiligthuis", "politie", "rijk")}},
        post={**_change(REDIRECT), **{r: NOT_FOUND for r in ("veiligthuis", "politie", "rijk")}},
        post_data=lambda w: {**_new_document(w), "kind": "agenda"},
        note="meeting",
    ),
    Row(
        "documents:add_version",
        kwargs=_programme_document,
        post=_change(REDIRECT),
        post_data=_new_version,
    ),
    Row(
        "documents:delete",
        kwargs=_programme_document,
        get=_change(OK),
        post=_change(REDIRECT),
    ),
    Row("search:results", get=expect(OK)),
    Row(
        "public_search:public",
        get={role: OK for role in ROLES},
        post={role: NOT_ALLOWED for role in ROLES},
    ),
]
