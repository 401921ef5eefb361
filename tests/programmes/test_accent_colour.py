"""The region's accent colour carries white text (header, buttons): it must reach 4.5:1."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from ghnt_portal.colours import contrast_ratio, darken
from programmes.models import Region


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # Rijksblauw #154273 on white: about 10.3:1. Bootstrap blue #0d6efd: 4.5:1 borderline.
    assert contrast_ratio("#154273", "#ffffff") == pytest.approx(10.3, abs=0.1)
    assert darken("#154273", 0.5) == "#0a213a"


@pytest.mark.django_db
def test_every_demo_region_passes_its_own_check():
    for region in Region.objects.all():
        region.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("colour", ["#ffbf47", "#8fcae7", "#e17000", "#777777"])
def test_a_light_accent_colour_is_refused_with_a_dutch_message(zawa, colour):
    zawa.accent_colour = colour
    with pytest.raises(ValidationError) as error:
        zawa.full_clean()
    message = error.value.message_dict["accent_colour"][0]
    assert "minimaal 4,5:1" in message
    assert "Kies een donkerdere kleur" in message


def _form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = value
    return data


@pytest.mark.django_db
def test_the_admin_refuses_a_light_accent_colour_and_keeps_the_old_one(zawa, beheerder, client_for):
    client = client_for(beheerder)
    url = reverse("admin:programmes_region_change", args=[zawa.pk])
    context = client.get(url).context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    data["accent_colour"] = "#e17000"  # orange: 3.2:1 with white
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Witte tekst is slecht leesbaar op deze accentkleur (contrast 3,2:1" in (
        response.content.decode()
    )
    zawa.refresh_from_db()
    assert zawa.accent_colour == "#154273"

    data["accent_colour"] = "#275937"  # dark green: fine
    assert client.post(url, data).status_code == 302
    zawa.refresh_from_db()
    assert zawa.accent_colour == "#275937"


@pytest.mark.django_db
def test_region_pages_carry_the_region_colour_on_the_whole_page(zawa, projectleider, client_for):
    zawa.accent_colour = "#5b2c6f"
    zawa.save()
    programme = zawa.programmes.get()
    action = programme.actions.get(code="2B")
    client = client_for(projectleider)
    for url in (
        programme.get_absolute_url(),
        action.get_absolute_url(),
        reverse("actions:edit", args=[action.pk]),
        reverse("monitoring:dashboard", args=[programme.pk]),
        reverse("monitoring:report_list", kwargs={"programme_pk": programme.pk}),
        reverse("governance:region", kwargs={"region": zawa.slug}),
    ):
        html = client.get(url).content.decode()
        # On <body>, so the header and every button of the page take the colour.
        style = '<body style="--ghnt-color-primary: #5b2c6f; --ghnt-color-primary-hover: #401f4e"'
        assert style in html, url
    # Pages without one region keep the portal's default colour.
    html = client.get(reverse("actions:list")).content.decode()
    assert "<body hx-headers" in html
