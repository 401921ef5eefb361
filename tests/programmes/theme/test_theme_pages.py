"""A region's theme: set on its page by the projectleider or in the admin by the beheerder,
refused for contrast with every failing pair named, served as CSS on the region's pages
only, with its logo and colour on the report's cover."""

import re

from django.urls import reverse

import pytest

from programmes.models import Region
from programmes.theme.models import RegionTheme

from .helpers import colours, png_bytes, upload, woff2_bytes

pytestmark = pytest.mark.django_db


def theme_links(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="(/thema/[^"]+)">', html)


def served_css(client, html: str) -> str:
    css = ""
    for href in theme_links(html):
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"] == "text/css; charset=utf-8"
        css += response.content.decode()
    return css


def edit_url(region):
    return reverse("theme:edit", kwargs={"region": region.slug})


def test_the_projectleider_sets_the_regions_theme_and_its_pages_carry_it(
    zawa, zawa_programme, projectleider, client_for
):
    client = client_for(projectleider)
    assert client.get(edit_url(zawa)).status_code == 200
    data = colours(primary_colour="#5B2C6F", focus_colour="#ffd700")
    data["logo"] = upload("logo.png", png_bytes(), "image/png")
    data["font"] = upload("huisletter.woff2", woff2_bytes(), "font/woff2")
    response = client.post(edit_url(zawa), data)
    assert response.status_code == 302
    theme = RegionTheme.objects.get(region=zawa)
    assert theme.primary_colour == "#5b2c6f"
    assert theme.logo_mime == "image/png"

    action = zawa_programme.actions.get(code="2B")
    for url in (
        zawa_programme.get_absolute_url(),
        action.get_absolute_url(),
        reverse("monitoring:dashboard", args=[zawa_programme.pk]),
        reverse("monitoring:report_list", kwargs={"programme_pk": zawa_programme.pk}),
        reverse("governance:region", kwargs={"region": zawa.slug}),
    ):
        css = served_css(client, client.get(url).content.decode())
        assert "--ghnt-color-primary: #5b2c6f;" in css, url
        assert "--ghnt-color-focus: #ffd700;" in css, url
        assert '--ghnt-font-family: "ghnt-regio-' in css
        assert 'format("woff2")' in css

    # The logo and the font are served by the portal itself, with their real type.
    logo_url = re.search(r'--ghnt-logo: url\("([^"]+)"\)', css).group(1)
    logo = client.get(logo_url)
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")
    font_url = re.search(r'src: url\("([^"]+)"\) format', css).group(1)
    font = client.get(font_url)
    assert font["Content-Type"] == "font/woff2"
    assert b"".join(font.streaming_content).startswith(b"wOF2")


def test_a_theme_failing_contrast_is_refused_on_the_page_with_each_pair_and_nothing_saved(
    zawa, projectleider, client_for
):
    RegionTheme.objects.create(region=zawa, primary_colour="#275937")
    client = client_for(projectleider)
    data = colours(primary_colour="#ffbf47", focus_colour="#eeeeee")
    data["logo"] = upload("logo.png", png_bytes(), "image/png")
    response = client.post(edit_url(zawa), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit thema heeft te weinig contrast en is niet opgeslagen" in html
    # #ffffff on #ffbf47 is 1.6:1; #ffbf47 on white too; #eeeeee on #ffbf47 1.4:1.
    assert (
        "tekst op de primaire kleur (#ffffff op #ffbf47): contrast 1,64:1, minimaal 4,5:1" in html
    )
    assert "links in de primaire kleur op de achtergrond (#ffbf47 op #ffffff)" in html
    assert "knoppen en randen in de primaire kleur tegen de achtergrond" in html
    assert (
        "focuskleur tegen de primaire kleur (kop en knoppen) (#eeeeee op #ffbf47): contrast "
        "1,41:1, minimaal 3,0:1" in html
    )
    theme = RegionTheme.objects.get(region=zawa)
    assert theme.primary_colour == "#275937" and not theme.logo


def test_the_admin_refuses_a_theme_failing_contrast_and_keeps_the_old_one(
    zawa, beheerder, client_for
):
    theme = RegionTheme.objects.create(region=zawa, primary_colour="#275937")
    client = client_for(beheerder)
    url = reverse("admin:programmes_regiontheme_change", args=[theme.pk])
    assert client.get(url).status_code == 200
    data = {"region": zawa.pk, **colours(primary_colour="#8fcae7")}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit thema heeft te weinig contrast en is niet opgeslagen" in html
    assert "tekst op de primaire kleur (#ffffff op #8fcae7)" in html
    theme.refresh_from_db()
    assert theme.primary_colour == "#275937"

    data["primary_colour"] = "#5b2c6f"
    assert client.post(url, data).status_code == 302
    theme.refresh_from_db()
    assert theme.primary_colour == "#5b2c6f"


def test_the_admin_adds_a_theme_for_a_region(zawa, beheerder, client_for):
    client = client_for(beheerder)
    data = {"region": zawa.pk, **colours(primary_colour="#004b23")}
    data["logo"] = upload("logo.jpg", _jpeg(), "image/jpeg")
    response = client.post(reverse("admin:programmes_regiontheme_add"), data)
    assert response.status_code == 302
    theme = RegionTheme.objects.get(region=zawa)
    assert theme.logo_mime == "image/jpeg"


def _jpeg():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (10, 80, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG-afbeeldingen worden niet geaccepteerd",
        ),
        ("logo.png", b"%PDF-1.7\n...", "Een logo moet een PNG- of JPEG-afbeelding zijn."),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "geen leesbare PNG- of JPEG-afbeelding"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (600 * 1024), "Het logo is te groot"),
    ],
)
def test_a_logo_that_is_not_a_small_png_or_jpeg_is_refused_at_the_field(
    zawa, projectleider, client_for, name, data, message
):
    client = client_for(projectleider)
    response = client.post(edit_url(zawa), {**colours(), "logo": upload(name, data)})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert not RegionTheme.objects.filter(region=zawa).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00\x01\x00\x00" + b"\x00" * 100, "Een lettertype moet een WOFF2-bestand zijn"),
        (b"wOFF" + b"\x00" * 100, "Een lettertype moet een WOFF2-bestand zijn"),
        (b"wOF2" + b"\x00" * 100, "beschadigd of geen geldig WOFF2-bestand"),
    ],
)
def test_a_font_that_is_not_woff2_is_refused(zawa, projectleider, client_for, data, message):
    client = client_for(projectleider)
    response = client.post(edit_url(zawa), {**colours(), "font": upload("letter.woff2", data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RegionTheme.objects.filter(region=zawa).exists()


def test_no_regions_theme_leaks_onto_another_regions_page_or_a_page_without_a_region(
    zawa, zawa_programme, other_projectleider, projectleider, rijk, client_for
):
    RegionTheme.objects.create(region=zawa, primary_colour="#5b2c6f")
    kennemerland = Region.objects.get(slug="kennemerland")
    k_programme = kennemerland.programmes.first()

    client = client_for(other_projectleider)
    html = client.get(k_programme.get_absolute_url()).content.decode()
    assert "#5b2c6f" not in served_css(client, html)
    assert f"/thema/regio/{zawa.pk}" not in html
    # ZaWa's data is public, so is its theme (its public pages carry it); once it closes
    # its data, Kennemerland's projectleider cannot load ZaWa's theme by its URL.
    assert client.get(reverse("theme:region_css", args=[zawa.pk])).status_code == 200
    Region.objects.filter(pk=zawa.pk).update(public_data=False)
    assert client.get(reverse("theme:region_css", args=[zawa.pk])).status_code == 404
    Region.objects.filter(pk=zawa.pk).update(public_data=True)

    # The Rijk (no region of its own) sees ZaWa's theme on ZaWa's pages, the default theme
    # on its own pages.
    client = client_for(rijk)
    html = client.get(reverse("monitoring:national")).content.decode()
    assert theme_links(html) == []
    html = client.get(zawa_programme.get_absolute_url()).content.decode()
    assert "--ghnt-color-primary: #5b2c6f;" in served_css(client, html)

    # ZaWa's projectleider (one region) has it on pages without a region too.
    client = client_for(projectleider)
    html = client.get(reverse("actions:list")).content.decode()
    assert "--ghnt-color-primary: #5b2c6f;" in served_css(client, html)


def test_the_theme_url_carries_its_version_and_changes_with_the_theme(
    zawa, zawa_programme, projectleider, client_for
):
    theme = RegionTheme.objects.create(region=zawa, primary_colour="#5b2c6f")
    client = client_for(projectleider)
    url = zawa_programme.get_absolute_url()
    # First page: the version is not known yet, the CSS is revalidated; serving it makes it
    # known, and the next page links the versioned URL, kept for a year.
    first = theme_links(client.get(url).content.decode())
    assert first == [reverse("theme:region_css", args=[zawa.pk])]
    assert "no-cache" in client.get(first[0])["Cache-Control"]
    second = theme_links(client.get(url).content.decode())
    assert second == [f"{first[0]}?v={theme.version}"]
    assert "immutable" in client.get(second[0])["Cache-Control"]
    # A new colour: a new version, so no browser keeps the old CSS.
    response = client.post(edit_url(zawa), colours(primary_colour="#004b23"))
    assert response.status_code == 302
    client.get(first[0])
    third = theme_links(client.get(url).content.decode())
    assert third != second and "?v=" in third[0]


def test_a_region_without_a_theme_of_its_own_has_the_default_theme(
    zawa_programme, projectleider, client_for
):
    client = client_for(projectleider)
    url = zawa_programme.get_absolute_url()
    links = theme_links(client.get(url).content.decode())
    assert "Geen eigen thema" in served_css(client, client.get(url).content.decode())
    # Once known, no link at all.
    assert theme_links(client.get(url).content.decode()) == []
    assert links  # the first page asked


def test_theme_edit_access(zawa, wethouder, veiligthuis, other_projectleider, client_for):
    assert client_for(wethouder).get(edit_url(zawa)).status_code == 403
    assert client_for(other_projectleider).get(edit_url(zawa)).status_code == 404


def test_the_theme_page_has_a_fixed_number_of_queries(
    zawa, projectleider, client_for, django_assert_max_num_queries
):
    client = client_for(projectleider)
    client.get(edit_url(zawa))
    RegionTheme.objects.create(region=zawa, primary_colour="#5b2c6f")
    # session, user, scope, region (+ visible/editable checks), theme, preview, work counts
    with django_assert_max_num_queries(14):
        assert client.get(edit_url(zawa)).status_code == 200


def test_the_report_cover_has_the_regions_logo_and_colour(zawa, zawa_programme, projectleider):
    import io

    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string

    from pypdf import PdfReader

    from monitoring.models import ProgressReport
    from monitoring.reports.services import report_context
    from monitoring.reports.tasks import generate_report

    theme = RegionTheme(region=zawa, primary_colour="#5b2c6f", logo_mime="image/png")
    theme.logo.save("logo", ContentFile(png_bytes(colour=(91, 44, 111))), save=False)
    theme.save()

    report = ProgressReport.objects.get(
        pk=generate_report(zawa_programme.pk, "2021-H1", projectleider.pk)
    )
    # The HTML the PDF is made from: the colour band and the logo (as data, nothing fetched).
    html = render_to_string("monitoring/pdf/report.html", report_context(report))
    cover_html = html.split('<nav class="toc"')[0]
    assert 'style="border-top: 8mm solid #5b2c6f"' in cover_html
    assert '<img class="cover-logo" src="data:image/png;base64,' in cover_html
    assert 'alt="Logo van regio Zaanstreek-Waterland"' in cover_html
    assert 'style="color: #5b2c6f">Regio Zaanstreek-Waterland' in cover_html

    # The PDF's first page: the logo as an image, the region's colour as a fill.
    with report.pdf.open("rb") as file:
        cover_page = PdfReader(io.BytesIO(file.read())).pages[0]
    assert len(cover_page.images) == 1
    content = cover_page.get_contents().get_data().decode("latin-1")
    fills = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", content)
    assert any(
        abs(float(r) - 0x5B / 255) < 0.01
        and abs(float(g) - 0x2C / 255) < 0.01
        and abs(float(b) - 0x6F / 255) < 0.01
        for r, g, b in fills
    ), fills


def test_a_report_of_a_region_without_a_theme_has_the_portal_colour_and_no_logo(
    zawa_programme, projectleider
):
    from django.template.loader import render_to_string

    from monitoring.models import ProgressReport
    from monitoring.reports.services import report_context
    from monitoring.reports.tasks import generate_report

    report = ProgressReport.objects.get(
        pk=generate_report(zawa_programme.pk, "2021-H1", projectleider.pk)
    )
    html = render_to_string("monitoring/pdf/report.html", report_context(report))
    cover_html = html.split('<nav class="toc"')[0]
    assert 'style="border-top: 8mm solid #154273"' in cover_html
    assert "cover-logo" not in cover_html
