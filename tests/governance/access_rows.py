"""Governance: the region's projectleider edits; wethouder and raadslid of the region read
(adopted programmes only); ketenpartners, the Rijk and other regions' projectleiders get 404."""

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect


def _zawa(w):
    return {"region": "zaanstreek-waterland"}


# Reading a ZaWa governance page: its projectleider and readers yes, the rest 404.
READ = expect(
    OK, other_projectleider=NOT_FOUND, veiligthuis=NOT_FOUND, politie=NOT_FOUND, rijk=NOT_FOUND
)
# Opening a change page (GET) or posting to it: readers 403, the projectleider succeeds.
EDIT_GET = expect(
    OK,
    other_projectleider=NOT_FOUND,
    veiligthuis=NOT_FOUND,
    politie=NOT_FOUND,
    rijk=NOT_FOUND,
    wethouder=FORBIDDEN,
    raadslid=FORBIDDEN,
)


def edit_post(success=REDIRECT):
    return expect(
        success,
        other_projectleider=NOT_FOUND,
        veiligthuis=NOT_FOUND,
        politie=NOT_FOUND,
        rijk=NOT_FOUND,
        wethouder=FORBIDDEN,
        raadslid=FORBIDDEN,
        projectleider=success,
        beheerder=success,
    )


def _meeting_data(w):
    return {
        "body": w.zawa_college.pk,
        "date": "2021-05-11",
        "date_precision": "dag",
        "label": "collegevergadering",
        "location": "",
    }


def _route_data(w):
    route = w.zawa_route
    data = {
        "title": route.title,
        "reference": "",
        "programme": w.zawa_programme.pk,
        "adopts_programme": "on",
    }
    steps = list(route.steps.order_by("order"))
    data.update(
        {
            "steps-TOTAL_FORMS": str(len(steps) + 1),
            "steps-INITIAL_FORMS": str(len(steps)),
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
        }
    )
    for i, s in enumerate(steps):
        data.update(
            {
                f"steps-{i}-id": s.pk,
                f"steps-{i}-route": route.pk,
                f"steps-{i}-ORDER": str(i + 1),
                f"steps-{i}-date": s.date.isoformat() if s.date else "",
                f"steps-{i}-body": s.body_id,
                f"steps-{i}-meeting": s.meeting_id or "",
                f"steps-{i}-purpose": s.purpose,
                f"steps-{i}-conclusion": s.conclusion,
                f"steps-{i}-conditions": s.conditions,
                f"steps-{i}-remarks": s.remarks,
            }
        )
    return data


def _new_route_data(w):
    return {
        "title": "Voortgangsrapportage 2021",
        "reference": "",
        "programme": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-ORDER": "1",
        "steps-0-body": w.zawa_college.pk,
        "steps-0-purpose": "informeren",
        "steps-0-date": "2021-11-02",
    }


def _decision_data(w, number="ZW-2021/02"):
    return {
        "number": number,
        "title": "Besluit",
        "date": "2021-02-02",
        "body": w.zawa_college.pk,
        "points-TOTAL_FORMS": "1",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "points-0-text": "Kennis te nemen van de voortgang.",
        "points-0-ORDER": "1",
    }


def _decision_update_data(w):
    decision = w.zawa_decision
    return {**_decision_data(w, decision.number), "title": "Akkoord Regionaal Actieplan"}


def _commitment_data(w, number="TZ-ZW-2"):
    return {"number": number, "text": "De raad wordt geïnformeerd.", "due_date": "2021-12-01"}


def _settle_data(w):
    return {
        "answer": "Beantwoord in de raadsinformatiebrief.",
        "settled_by": "RIB 2021-12",
        "settled_on": "2021-11-30",
    }


ROWS = [
    Row(
        "governance:index",
        get=expect(
            REDIRECT, beheerder=OK, veiligthuis=NOT_FOUND, politie=NOT_FOUND, rijk=NOT_FOUND
        ),
        note="one region: straight to it; the beheerder chooses among all regions",
    ),
    Row("governance:region", kwargs=_zawa, get=READ),
    Row("governance:calendar_ics", kwargs=_zawa, get=READ),
    Row("governance:body_list", kwargs=_zawa, get=READ),
    Row(
        "governance:body_create",
        kwargs=_zawa,
        get=EDIT_GET,
        post=edit_post(),
        post_data={"name": "Bestuurlijk Overleg Veiligheid", "abbreviation": "BO", "kind": "bo"},
    ),
    Row(
        "governance:body_update",
        kwargs=lambda w: {"pk": w.zawa_college.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=lambda w: {
            "name": w.zawa_college.name,
            "abbreviation": "College",
            "kind": w.zawa_college.kind,
            "municipality": w.zawa_college.municipality_id or "",
            "is_competent": "on" if w.zawa_college.is_competent else "",
        },
    ),
    Row("governance:meeting_list", kwargs=_zawa, get=READ),
    Row("governance:meeting_months", kwargs=_zawa, get=READ),
    Row(
        "governance:meeting_create",
        kwargs=_zawa,
        get=EDIT_GET,
        post=edit_post(),
        post_data=_meeting_data,
    ),
    Row("governance:meeting_detail", kwargs=lambda w: {"pk": w.zawa_ao_january.pk}, get=READ),
    Row(
        "governance:meeting_update",
        kwargs=lambda w: {"pk": w.zawa_ao_january.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=lambda w: {
            "body": w.zawa_ao_january.body_id,
            "date": "2021-01-01",
            "date_precision": "maand",
            "label": "AO-jan",
        },
    ),
    Row(
        "governance:route_create",
        kwargs=_zawa,
        get=EDIT_GET,
        post=edit_post(),
        post_data=_new_route_data,
    ),
    Row("governance:route_detail", kwargs=lambda w: {"pk": w.zawa_route.pk}, get=READ),
    Row(
        "governance:route_update",
        kwargs=lambda w: {"pk": w.zawa_route.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=_route_data,
    ),
    Row("governance:decision_list", kwargs=_zawa, get=READ),
    Row(
        "governance:decision_create",
        kwargs=_zawa,
        get=EDIT_GET,
        post=edit_post(),
        post_data=_decision_data,
    ),
    Row("governance:decision_detail", kwargs=lambda w: {"pk": w.zawa_decision.pk}, get=READ),
    Row(
        "governance:decision_update",
        kwargs=lambda w: {"pk": w.zawa_decision.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=_decision_update_data,
    ),
    Row("governance:commitment_list", kwargs=_zawa, get=READ),
    Row(
        "governance:commitment_create",
        kwargs=_zawa,
        get=EDIT_GET,
        post=edit_post(),
        post_data=_commitment_data,
    ),
    Row("governance:commitment_detail", kwargs=lambda w: {"pk": w.zawa_commitment.pk}, get=READ),
    Row(
        "governance:commitment_update",
        kwargs=lambda w: {"pk": w.zawa_commitment.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=lambda w: _commitment_data(w, w.zawa_commitment.number),
    ),
    Row(
        "governance:commitment_settle",
        kwargs=lambda w: {"pk": w.zawa_commitment.pk},
        get=EDIT_GET,
        post=edit_post(),
        post_data=_settle_data,
    ),
]
